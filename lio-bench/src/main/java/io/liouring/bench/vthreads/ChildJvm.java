package io.liouring.bench.vthreads;

import io.liouring.bench.harness.Json;
import io.liouring.bench.harness.Options;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How P5's and P8's runners start their reading programs ({@link VirtualThreadReads}, {@link NioFileReads}): each run
 * in a fresh JVM ({@code --java}, {@code --classpath}, {@code --child-jvm-arg}), its stderr passed through, the last
 * line of its stdout read as its JSON result.
 */
final class ChildJvm {
    /** The options it reads, for {@link Options#parse} beside a runner's own. */
    static final List<String> OPTIONS = List.of("java", "classpath", "child-jvm-arg");

    final String javaBin;
    final String classpath;
    /** The JVM options of every child, before a run's own. */
    final List<String> jvmArgs;

    ChildJvm(Options o) {
        javaBin = o.string("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        classpath = o.string("classpath", System.getProperty("java.class.path"));
        jvmArgs = o.all("child-jvm-arg");
    }

    /**
     * Runs {@code mainClass} with {@code args} in a JVM with {@link #jvmArgs} and {@code ownJvmArgs}, allowing it
     * {@code seconds} and two minutes more, and returns its result.
     *
     * @throws IllegalStateException naming {@code what}, with the child's stdout, if it failed or did not end in time
     */
    Map<String, Object> run(List<String> ownJvmArgs, Class<?> mainClass, List<String> args, double seconds, String what)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(javaBin));
        cmd.addAll(jvmArgs);
        cmd.addAll(ownJvmArgs);
        cmd.addAll(List.of("-cp", classpath, mainClass.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(Math.round(seconds) + 120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(what + " failed: " + output);
        }
        return Json.object(Json.parse(output.lines().reduce((a, b) -> b).orElseThrow()));
    }
}
