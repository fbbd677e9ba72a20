package io.liouring.nio.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: runs a {@code main} class of the test class path in a fresh JVM (the java binary running the tests,
 * the same class path, native access enabled unless {@link #DENY_NATIVE_ACCESS} is given), for what must not touch
 * the test JVM: a different default file system provider, a seccomp filter. Standard output and error are captured
 * together.
 */
public final class ForkedJvm {
    /** The JVM option that makes {@link LioFileSystemProvider} the default provider. */
    static final String DEFAULT_PROVIDER =
            "-Djava.nio.file.spi.DefaultFileSystemProvider=" + LioFileSystemProvider.class.getName();

    /** The JVM option that refuses native access; given, the forked JVM is started without enabling it. */
    static final String DENY_NATIVE_ACCESS = "--illegal-native-access=deny";

    /** What the forked JVM printed and how it ended. */
    public record Result(int exitCode, String output) {
        /** The value of the last {@code key=value} line, or an {@link AssertionError} that shows the output. */
        public String value(String key) {
            String found = null;
            for (String line : output.split("\n")) {
                if (line.startsWith(key + "=")) {
                    found = line.substring(key.length() + 1);
                }
            }
            if (found == null) {
                throw new AssertionError("the forked JVM printed no " + key + "=…; its output:\n" + output);
            }
            return found;
        }

        /** How many times {@code text} occurs in the output. */
        int occurrences(String text) {
            int count = 0;
            for (int at = output.indexOf(text); at >= 0; at = output.indexOf(text, at + text.length())) {
                count++;
            }
            return count;
        }
    }

    private ForkedJvm() {
    }

    /** Runs {@code mainClass} with {@code jvmOptions} and {@code args}; kills it after two minutes. */
    public static Result run(Class<?> mainClass, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        return run(mainClass, System.getProperty("java.class.path"), jvmOptions, args);
    }

    /** Runs {@code mainClass} with the class path {@code classPath}; see {@link #run(Class, List, String...)}. */
    static Result run(Class<?> mainClass, String classPath, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        return run(List.of(), mainClass, classPath, jvmOptions, args);
    }

    /**
     * Runs {@code mainClass} as {@link #run(Class, List, String...)} does, with the largest file it may write limited
     * to {@code kib} KiB ({@code RLIMIT_FSIZE}, by the shell's {@code ulimit -f}): a write that crosses the limit is
     * short, and the next fails with {@code EFBIG} (the JVM ignores {@code SIGXFSZ}).
     */
    static Result runWithFileSizeLimit(int kib, Class<?> mainClass, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> launcher = List.of("bash", "-c", "ulimit -f " + kib + " && exec \"$@\"", "bash");
        return run(launcher, mainClass, System.getProperty("java.class.path"), jvmOptions, args);
    }

    private static Result run(List<String> launcher, Class<?> mainClass, String classPath, List<String> jvmOptions,
                              String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("the java binary running this test is unknown"));
        List<String> command = new ArrayList<>(launcher);
        command.add(java);
        if (!jvmOptions.contains(DENY_NATIVE_ACCESS)) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[][] output = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                output[0] = process.getInputStream().readAllBytes();
            } catch (IOException e) {
                output[0] = ("reading the forked JVM's output failed: " + e).getBytes(StandardCharsets.UTF_8);
            }
        });
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            reader.join();
            throw new AssertionError("the forked JVM did not finish within 120 s; its output:\n"
                    + new String(output[0], StandardCharsets.UTF_8));
        }
        reader.join();
        return new Result(process.exitValue(), new String(output[0], StandardCharsets.UTF_8));
    }
}
