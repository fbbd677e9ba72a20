package io.liouring.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C during a {@code lio cp} whose progress bar is on a terminal: the bar's line is ended with a newline, so
 * that the shell's prompt does not start in the middle of it, and the status is 130, as for cp. The terminal is
 * script(1)'s pseudo-terminal; the source is a FIFO fed slowly, so that the copy outlasts the bar's first second.
 */
class CpInterruptedTest {
    private static final int CHUNK = 256 * 1024;

    @TempDir
    Path dir;

    @Test
    void ctrlCEndsTheProgressLineWithANewline() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) is needed for a terminal");
        assertEquals(0, Run.tool(dir, "mkfifo", "fifo").exit());
        Path typescript = dir.resolve("typescript");
        String command = Run.lioCommand("cp", "fifo", "copy").stream().map(ShellQuote::always)
                .collect(Collectors.joining(" "));
        // A shell without job control starts background commands with SIGINT ignored, and an ignored signal stays
        // ignored across exec (so a JVM started under `mvn test &` never sees Ctrl-C): restore its default first.
        Process script = new ProcessBuilder("env", "--default-signal=INT", "script", "-qefc", command,
                typescript.toString()).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread feeder = Thread.ofVirtual().start(() -> feedSlowly(dir.resolve("fifo")));
        try {
            waitFor(() -> read(typescript).contains("/s"), "the progress bar");
            ProcessHandle java = script.descendants().filter(p -> p.info().command().orElse("").endsWith("java"))
                    .findFirst().orElseThrow();
            assertEquals(0, Run.tool(dir, "kill", "-INT", Long.toString(java.pid())).exit());
            assertTrue(script.waitFor(30, TimeUnit.SECONDS), "lio cp did not stop");
        } finally {
            script.destroyForcibly();
            feeder.interrupt();
        }

        assertEquals(130, script.exitValue(), read(typescript));
        String screen = read(typescript);
        // the bar pads itself with spaces to cover a longer previous bar; the newline comes after the padding
        String afterBar = screen.substring(screen.lastIndexOf("/s") + 2).replaceFirst("^ +", "");
        assertTrue(afterBar.startsWith("\r\n"), "the bar's line ends with a newline: " + screen);
    }

    private static void feedSlowly(Path fifo) {
        try (OutputStream out = Files.newOutputStream(fifo)) {
            // until lio cp is stopped (the write fails) or the test ends: a slow machine may take long to show the bar
            while (!Thread.currentThread().isInterrupted()) {
                out.write(new byte[CHUNK]);
                out.flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException e) {
            // the reader was stopped: that is the point of the test
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(50);
        }
    }
}
