package io.liouring.nio.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another process for the lock tests: a child JVM that takes a POSIX record lock with the JDK's own
 * {@code FileChannel} ({@code fcntl}, the same kind of lock), so that our locks are checked against a real other
 * owner. {@code try} prints {@code locked} or {@code busy} and exits; {@code hold} prints {@code held} and keeps
 * the lock until a line arrives on its standard input.
 */
final class LockHolder {
    private LockHolder() {
    }

    /** Entry point of the child: {@code <file> <position> <size> try|hold}. */
    public static void main(String[] args) throws IOException {
        try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long position = Long.parseLong(args[1]);
            long size = Long.parseLong(args[2]);
            if (args[3].equals("try")) {
                FileLock lock = ch.tryLock(position, size, false);
                System.out.println(lock == null ? "busy" : "locked");
                return;
            }
            ch.lock(position, size, false);
            System.out.println("held");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
    }

    private static Process start(Path file, long position, long size, String what) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                file.toString(), Long.toString(position), Long.toString(size), what))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Asks a child process to try the lock: {@code "locked"} or {@code "busy"}. */
    static String tryInChild(Path file, long position, long size) throws IOException, InterruptedException {
        Process p = start(file, position, size, "try");
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the lock child did not end");
        }
        return line;
    }

    /** A child process holding the lock until {@link Child#release()} or close. */
    static Child holdInChild(Path file, long position, long size) throws IOException {
        Process p = start(file, position, size, "hold");
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"held".equals(line)) {
            p.destroyForcibly();
            throw new IllegalStateException("the lock child said " + line);
        }
        return new Child(p);
    }

    /** The holding child. */
    static final class Child implements AutoCloseable {
        private final Process process;

        Child(Process process) {
            this.process = process;
        }

        /** Lets the child release its lock and exit, and waits for that. */
        void release() throws IOException, InterruptedException {
            if (process.isAlive()) {
                OutputStream in = process.getOutputStream();
                in.write('\n');
                in.flush();
                process.waitFor(60, TimeUnit.SECONDS);
            }
        }

        @Override
        public void close() throws Exception {
            release();
            process.destroyForcibly();
        }
    }
}
