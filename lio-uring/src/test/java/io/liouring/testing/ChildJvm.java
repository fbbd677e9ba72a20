package io.liouring.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test support: runs a {@code main} class of the test class path in a fresh JVM, for faults that must not touch the
 * test JVM (a seccomp filter, a lowered descriptor limit, Native Memory Tracking). Same java binary, same class
 * path, native access enabled; stdout and stderr are captured together.
 */
public final class ChildJvm {
    /** What the child printed and how it ended. */
    public record Result(int exitCode, String output) {
        /** The value of the last line {@code key=value} the child printed, or fails. */
        public String value(String key) {
            String found = null;
            for (String line : output.split("\n")) {
                if (line.startsWith(key + "=")) {
                    found = line.substring(key.length() + 1);
                }
            }
            if (found == null) {
                throw new AssertionError("the child printed no " + key + "=…; its output:\n" + output);
            }
            return found;
        }
    }

    private ChildJvm() {
    }

    /**
     * Runs {@code mainClass} with {@code jvmOptions} and {@code args}, waiting at most {@code timeoutSeconds}.
     *
     * @throws AssertionError if the child does not finish in time (it is killed)
     */
    public static Result run(Class<?> mainClass, List<String> jvmOptions, long timeoutSeconds, String... args) {
        String java = ProcessHandle.current().info().command().orElseGet(
                () -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[][] output = new byte[1][];
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    output[0] = process.getInputStream().readAllBytes();
                } catch (IOException e) {
                    output[0] = ("reading the child's output failed: " + e).getBytes(StandardCharsets.UTF_8);
                }
            });
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                reader.join();
                throw new AssertionError("the child JVM did not finish within " + timeoutSeconds + " s; its output:\n"
                        + new String(output[0], StandardCharsets.UTF_8));
            }
            reader.join();
            return new Result(process.exitValue(), new String(output[0], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the child JVM", e);
        }
    }
}
