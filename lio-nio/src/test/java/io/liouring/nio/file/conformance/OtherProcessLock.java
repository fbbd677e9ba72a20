package io.liouring.nio.file.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A lock held by another program: a child JVM (this JVM's {@code java}, launching a one-file source program) that
 * locks a region of a file with the JDK's own {@code FileChannel}, says so, and releases it when its standard input
 * closes. File locks are held on behalf of the whole JVM, so only another process can show that a lock keeps out
 * other programs.
 */
final class OtherProcessLock implements AutoCloseable {
    private static final String PROGRAM = """
            import java.nio.channels.FileChannel;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;

            public class HoldLock {
                public static void main(String[] args) throws Exception {
                    try (var ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE);
                         var lock = ch.lock(Long.parseLong(args[1]), Long.parseLong(args[2]), Boolean.parseBoolean(args[3]))) {
                        System.out.println("locked");
                        System.out.flush();
                        while (System.in.read() != -1) { }
                    }
                    System.out.println("released");
                }
            }
            """;

    private final Process process;
    private final BufferedReader output;

    private OtherProcessLock(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the child and returns once it holds the lock on {@code file} (a real file, any file system). */
    static OtherProcessLock hold(Path scratchDir, Path file, long position, long size, boolean shared)
            throws IOException {
        Path source = Files.writeString(Path.of(scratchDir.toString(), "HoldLock.java"), PROGRAM);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, source.toString(), file.toString(),
                Long.toString(position), Long.toString(size), Boolean.toString(shared))
                .redirectErrorStream(true).start();
        var lock = new OtherProcessLock(process);
        String line = lock.output.readLine();
        if (!"locked".equals(line)) {
            lock.close();
            throw new IOException("the child JVM did not take the lock: " + line);
        }
        return lock;
    }

    /** Makes the child release its lock and exit, and waits for that. */
    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(Blocked.PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("the child JVM did not exit");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            output.close();
        }
    }
}
