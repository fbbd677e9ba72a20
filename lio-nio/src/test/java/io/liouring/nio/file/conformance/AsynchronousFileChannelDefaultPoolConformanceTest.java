package io.liouring.nio.file.conformance;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code AsynchronousFileChannel}s opened without an executor use the default thread pool, which "is configured by
 * the system properties defined by the {@code AsynchronousChannelGroup} class" (class Javadoc). The properties are
 * read once per JVM, so each check runs {@link DefaultPoolProbe} in a child JVM.
 */
class AsynchronousFileChannelDefaultPoolConformanceTest extends FileSystemConformance {
    private static final String THREAD_FACTORY = "java.nio.channels.DefaultThreadPool.threadFactory";
    private static final String INITIAL_SIZE = "java.nio.channels.DefaultThreadPool.initialSize";

    @Test
    void handlersRunOnThreadsOfTheFactoryNamedByTheThreadFactoryProperty() throws Exception {
        Path file = file("target", "----");

        String output = runProbe(file,
                "-D" + THREAD_FACTORY + "=" + DefaultPoolProbe.MarkingThreadFactory.class.getName());

        assertTrue(output.contains("madeByFactory=true\n"), output);
        assertEquals("abcd", Files.readString(file, StandardCharsets.US_ASCII));
    }

    @Test
    void withoutTheThreadFactoryPropertyHandlersRunOnAPoolThread() throws Exception {
        Path file = file("target", "----");

        String output = runProbe(file);

        assertTrue(output.contains("madeByFactory=false\n"), output);
        assertTrue(output.contains("handlerThread="), output);
        assertEquals("abcd", Files.readString(file, StandardCharsets.US_ASCII));
    }

    /**
     * The initial size property must be an integer as {@code Integer.parseInt} reads it: otherwise the JDK's pool
     * fails with an {@link Error} naming the property and the {@code NumberFormatException}, at the open.
     */
    @Test
    void anInitialSizeThatIsNotAnIntegerIsAnErrorAtTheOpen() throws Exception {
        for (String value : new String[] {"abc", " 2"}) {
            Path file = file("target-" + value.trim(), "----");

            ProbeRun run = probe(file, "-D" + INITIAL_SIZE + "=" + value);

            assertEquals(1, run.exitCode(), run.output());
            assertTrue(run.output().contains("java.lang.Error: Value of property '" + INITIAL_SIZE + "' is invalid: "
                    + "java.lang.NumberFormatException: For input string: \"" + value + "\""), run.output());
            assertEquals("----", Files.readString(file, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void anIntegerInitialSizeIsAccepted() throws Exception {
        Path file = file("target", "----");

        String output = runProbe(file, "-D" + INITIAL_SIZE + "=3");

        assertTrue(output.contains("handlerThread="), output);
        assertEquals("abcd", Files.readString(file, StandardCharsets.US_ASCII));
    }

    /** Runs the probe on the file system under test, writing "abcd" into {@code file}; returns its output. */
    private String runProbe(Path file, String... properties) throws IOException, InterruptedException {
        ProbeRun run = probe(file, properties);
        assertEquals(0, run.exitCode(), run.output());
        return run.output();
    }

    /** How the probe ended and what it printed. */
    private record ProbeRun(int exitCode, String output) {
    }

    /** Runs the probe as {@link #runProbe} does, whatever its exit code. */
    private ProbeRun probe(Path file, String... properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(List.of(properties));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DefaultPoolProbe.class.getName());
        command.add(target.toString());
        command.add(file.toString());
        command.add("abcd");
        Path log = tempDir.resolve("probe.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(Blocked.PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return new ProbeRun(process.exitValue(), Files.readString(log));
    }
}
