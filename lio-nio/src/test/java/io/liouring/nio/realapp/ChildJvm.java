package io.liouring.nio.realapp;

import io.liouring.nio.file.LioFileSystemProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@code main} class of this class path in a fresh JVM (the java binary running this one, native access
 * enabled, assertions on) whose default file system provider is lio-nio's or the JDK's: the provider is chosen when
 * a JVM starts, so comparing the two takes a JVM each. Standard output and error are captured together.
 */
final class ChildJvm {
    /** How long a child may run before it is killed. */
    private static final long PATIENCE_SECONDS = 180;

    /** What the child printed and how it ended. */
    record Outcome(int exitCode, String output, long millis) {
        /** The value of the last {@code key=value} line, or an {@link AssertionError} that shows the output. */
        String value(String key) {
            String found = null;
            for (String line : lines()) {
                if (line.startsWith(key + "=")) {
                    found = line.substring(key.length() + 1);
                }
            }
            if (found == null) {
                throw new AssertionError("the child JVM printed no " + key + "=…; its output:\n" + output);
            }
            return found;
        }

        /** The lines of the output. */
        List<String> lines() {
            return output.lines().toList();
        }
    }

    private ChildJvm() {
    }

    /** Runs {@code mainClass} with {@code args}, on lio-nio's default provider if {@code lio}, else on the JDK's. */
    static Outcome run(boolean lio, Class<?> mainClass, String... args) throws IOException, InterruptedException {
        return run(lio, List.of(), mainClass.getName(), args);
    }

    /** Runs the class named {@code mainClass} with the extra JVM {@code options}; see {@link #run(boolean, Class, String...)}. */
    static Outcome run(boolean lio, List<String> options, String mainClass, String... args)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = start(lio, options, mainClass, args);
        byte[][] output = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                output[0] = process.getInputStream().readAllBytes();
            } catch (IOException e) {
                output[0] = ("reading the child JVM's output failed: " + e).getBytes(StandardCharsets.UTF_8);
            }
        });
        int exitCode = finish(process);
        reader.join();
        String text = new String(output[0], StandardCharsets.UTF_8);
        if (exitCode == Integer.MIN_VALUE) {
            throw new AssertionError("the child JVM did not finish within " + PATIENCE_SECONDS + " s; its output:\n"
                    + text);
        }
        return new Outcome(exitCode, text, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** Starts the class named {@code mainClass}; the caller reads its output and calls {@link #finish}. */
    static Process start(boolean lio, List<String> options, String mainClass, String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("the java binary running this JVM is unknown"));
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-ea"));
        if (lio) {
            command.add("-Djava.nio.file.spi.DefaultFileSystemProvider=" + LioFileSystemProvider.class.getName());
        }
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        return process;
    }

    /** Waits for {@code process}: its exit code, or {@link Integer#MIN_VALUE} if it had to be killed. */
    static int finish(Process process) throws InterruptedException {
        if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return Integer.MIN_VALUE;
        }
        return process.exitValue();
    }
}
