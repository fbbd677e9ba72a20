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

    /** Runs the probe on the file system under test, writing "abcd" into {@code file}; returns its output. */
    private String runProbe(Path file, String... properties) throws IOException, InterruptedException {
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
        String output = Files.readString(log);
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
