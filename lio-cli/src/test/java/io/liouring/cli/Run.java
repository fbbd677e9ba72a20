package io.liouring.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs commands as a user would: {@code lio} in this JVM with stdout and stderr captured ({@link #lio}), {@code lio}
 * as a child process like the launcher starts it ({@link #lioProcess}), and the real coreutils ({@link #tool}).
 */
final class Run {
    /** Runs a command as root without any capability, so that file permissions apply (setpriv(1)). */
    static final List<String> WITHOUT_CAPABILITIES = List.of("setpriv", "--bounding-set=-all", "--inh-caps=-all",
            "--securebits=+noroot,+noroot_locked");

    /** What a command did. */
    record Result(int exit, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private Run() {
    }

    /** {@code lio args...} in this JVM (for commands that print through System.out, not fd 1 itself). */
    static Result lio(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            int exit = Lio.run(args);
            System.out.flush();
            System.err.flush();
            return new Result(exit, stdout.toByteArray(), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** {@code lio args...} in a new JVM, started as ./lio starts it, in {@code dir}. */
    static Result lioProcess(Path dir, byte[] stdin, List<String> prefix, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(lioCommand(args));
        return process(dir, stdin, command);
    }

    /** The command line that starts {@code lio args...} in a new JVM, as ./lio starts it. */
    static List<String> lioCommand(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Lio.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** {@code lio args...} in a new JVM, in {@code dir}, with nothing on stdin. */
    static Result lioProcess(Path dir, String... args) {
        return lioProcess(dir, new byte[0], List.of(), args);
    }

    /**
     * A prefix that runs the command it is given on the named pipe {@code fifo} of the working directory, which no one
     * writes, for 3 s: a command that waits in {@code open(2)} for a writer, as cat does, ends with status 124.
     */
    static List<String> onFifoWithoutWriter() {
        return List.of("timeout", "3", "bash", "-c", "\"$@\" fifo", "bash");
    }

    /**
     * A prefix that runs the command it is given on the named pipe {@code fifo} into the file {@code out}, while a
     * writer that comes 0.5 s later writes {@code late} to the pipe; the result's output is then {@code out}'s, and its
     * status the writer's (124 if it found no reader within 20 s).
     */
    static List<String> onFifoWithLateWriter() {
        return List.of("bash", "-c", "\"$@\" fifo > out & sleep 0.5; timeout 20 bash -c 'echo late > fifo';"
                + " s=$?; wait; cat out; exit $s", "bash");
    }

    /** A coreutils command, in {@code dir}. */
    static Result tool(Path dir, byte[] stdin, List<String> prefix, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(args));
        return process(dir, stdin, command);
    }

    /** A coreutils command, in {@code dir}, with nothing on stdin. */
    static Result tool(Path dir, String... args) {
        return tool(dir, new byte[0], List.of(), args);
    }

    /** The SHA-256 of a file as {@code sha256sum} computes it. */
    static String sha256sum(Path file) {
        Result r = tool(file.getParent(), "sha256sum", file.toString());
        assertEquals(0, r.exit(), r.stderr());
        return r.out().substring(0, 64);
    }

    /**
     * Asserts that lio failed as the coreutils command did: same exit code, same stdout, and the same messages
     * once {@code lio <command>} is read as {@code <command>}.
     */
    static void assertSameFailure(Result coreutils, Result lio, String command) {
        assertSameFailure(coreutils, lio, command, command);
    }

    /** As {@link #assertSameFailure(Result, Result, String)}, for {@code lio <command>} standing for {@code tool}. */
    static void assertSameFailure(Result coreutils, Result lio, String command, String tool) {
        assertTrue(coreutils.exit() != 0, "the coreutils command should fail: " + coreutils.stderr());
        assertEquals(coreutils.exit(), lio.exit(), "exit code; lio said: " + lio.stderr());
        assertEquals(coreutils.out(), lio.out(), "stdout");
        assertEquals(coreutils.stderr(), lio.stderr().replace("lio " + command, tool), "stderr");
    }

    /** {@code first} followed by {@code rest}, as one argument vector. */
    static String[] args(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static Result process(Path dir, byte[] stdin, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try (var in = p.getOutputStream()) {
                in.write(stdin);
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether setpriv(1) is installed, for the permission tests (root passes every permission check otherwise). */
    static boolean canDropCapabilities() {
        return Files.isExecutable(Path.of("/usr/bin/setpriv")) || Files.isExecutable(Path.of("/bin/setpriv"));
    }
}
