package io.liouring.bench.vthreads;

import io.liouring.bench.harness.Json;
import io.liouring.bench.harness.Options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the device gives O_DIRECT 4 KiB random reads of a file, as a reference beside P5's and P8's figures: fio with
 * the io_uring engine, one job per CPU, each at {@code --fio-depth} (128 by default: two jobs at 128 gave this
 * virtio disk its most reads, more than one job at 256 or 1 024, which one submitting thread limits), the same file,
 * warm-up and duration, the jobs' reads summed. Options {@code --fio PATH} ({@code none}: skip it),
 * {@code --fio-jobs N} and {@code --fio-depth N}; once fio is found missing or has failed, it is not tried again.
 */
final class FioReference {
    /** The options it reads, for {@link Options#parse} beside a runner's own. */
    static final List<String> OPTIONS = List.of("fio", "fio-jobs", "fio-depth");

    private String fio;
    private final int jobs;
    private final int depth;

    FioReference(Options o) {
        fio = o.string("fio", "fio");
        jobs = o.positiveInt("fio-jobs", Runtime.getRuntime().availableProcessors());
        depth = o.positiveInt("fio-depth", 128);
    }

    /** {@return whether fio is to be run: not skipped with {@code --fio none}, not found missing or failed} */
    boolean enabled() {
        return !fio.equals("none");
    }

    /** {@return fio's queue depth per job} */
    int depth() {
        return depth;
    }

    /** {@return fio's number of jobs (threads, each with its own ring)} */
    int jobs() {
        return jobs;
    }

    /** {@return the reference as a table row names it, e.g. "fio io_uring, 2 jobs × depth 128"} */
    String label() {
        return "fio io_uring, " + jobs + (jobs == 1 ? " job" : " jobs") + " × depth " + depth;
    }

    /**
     * Runs fio and returns reads_per_s, p50_us, p99_us and p999_us (completion latency); null when fio is not
     * installed or failed, having said so on stdout (and then it is not {@link #enabled()} any more).
     */
    Map<String, Object> run(Path file, double warmup, double duration) throws Exception {
        return run(file, true, warmup, duration);
    }

    /** {@link #run(Path, double, double)} with O_DIRECT ({@code direct}) or through the page cache. */
    Map<String, Object> run(Path file, boolean direct, double warmup, double duration) throws Exception {
        Map<String, Object> r = runFio(file, direct, warmup, duration);
        if (r == null) {
            fio = "none";
        }
        return r;
    }

    private Map<String, Object> runFio(Path file, boolean direct, double warmup, double duration) throws Exception {
        List<String> cmd = List.of(fio, "--name=device-reference", "--filename=" + file, "--direct=" + (direct ? 1 : 0),
                "--readonly", "--rw=randread",
                "--bs=4k", "--ioengine=io_uring", "--iodepth=" + depth, "--numjobs=" + jobs, "--thread",
                "--group_reporting", "--invalidate=0", "--time_based",
                "--ramp_time=" + Math.round(warmup), "--runtime=" + Math.max(1, Math.round(duration)),
                "--output-format=json");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            System.out.println("  fio not run (" + e.getMessage() + "); install it for the device reference, or pass --fio none");
            return null;
        }
        String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(Math.round(warmup + duration) + 60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            System.out.println("  fio failed: " + json);
            return null;
        }
        Map<String, Object> job = Json.object(Json.array(Json.object(Json.parse(json.substring(json.indexOf('{'))))
                .get("jobs")).getFirst());
        Map<String, Object> read = Json.object(job.get("read"));
        Map<String, Object> percentiles = Json.object(Json.object(read.get("clat_ns")).get("percentile"));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("mode", "fio");
        r.put("iodepth", depth);
        r.put("jobs", jobs);
        r.put("reads_per_s", Json.number(read.get("iops")));
        r.put("p50_us", Json.number(percentiles.get("50.000000")) / 1e3);
        r.put("p99_us", Json.number(percentiles.get("99.000000")) / 1e3);
        r.put("p999_us", Json.number(percentiles.get("99.900000")) / 1e3);
        return r;
    }
}
