package io.liouring.bench.vthreads;

import io.liouring.bench.harness.Json;
import io.liouring.bench.harness.Options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The system-call floor beside P8's page-cache workloads: {@code src/main/c/page_cache_floor.c} makes, in C on one
 * thread, the system calls of the JDK's channel ({@code pread64}; {@code open}, {@code fstat}, {@code read}) and those
 * of lio-nio's ({@code preadv2} with {@code RWF_NOWAIT}; {@code openat2} through the dentry cache, {@code statx}),
 * alternating, on the same file or files. The ratio of their rates is what lio-nio's reads can reach against the
 * JDK's with the page cache tried first without blocking, on this machine, with no JVM in either figure. Option
 * {@code --floor PATH} (the built program; {@code none}: skip it, as {@code run-p8.sh} passes when there is no C
 * compiler); once it has failed it is not run again.
 */
final class PageCacheFloor {
    /** The options it reads, for {@link Options#parse} beside a runner's own. */
    static final List<String> OPTIONS = List.of("floor");
    /** What the table calls the two rows. */
    static final String JDK_LABEL = "C, the JDK's system calls, 1 thread (floor reference)";
    static final String LIO_LABEL = "C, lio-nio's system calls, 1 thread (floor reference)";

    private String program;

    PageCacheFloor(Options o) {
        program = o.string("floor", "none");
    }

    /** {@return whether the program is to be run for {@code mode}: given, not failed, and a page-cache workload} */
    boolean appliesTo(String mode) {
        return !program.equals("none") && (mode.equals("cached") || mode.equals("small-files"));
    }

    /**
     * Runs the program for {@code mode} ({@code cached} on {@code file}, {@code small-files} on {@code dir}) for
     * {@code seconds} and returns its figures: {@code jdk_calls_per_s}, {@code lio_calls_per_s} and
     * {@code failures}; null, having said why on stdout, if it could not run (and then it is not run again).
     */
    Map<String, Object> run(String mode, Path file, Path dir, double seconds) throws InterruptedException {
        Path target = mode.equals("cached") ? file : dir;
        List<String> cmd = List.of(program, mode, target.toString(), Double.toString(seconds));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor(Math.round(seconds) + 60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Json.object(Json.parse(json.trim()));
            }
            p.destroyForcibly();
            System.out.println("  page-cache floor failed (" + String.join(" ", cmd) + "): " + json);
        } catch (IOException e) {
            System.out.println("  page-cache floor not run (" + e.getMessage() + "); pass --floor none to skip it");
        }
        program = "none";
        return null;
    }
}
