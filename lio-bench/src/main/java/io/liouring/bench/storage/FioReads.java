package io.liouring.bench.storage;

import io.liouring.bench.harness.Commands;
import io.liouring.bench.harness.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fio contender: fio's io_uring engine with the settings the lio-uring contender uses (registered buffers,
 * registered file, the same block size, queue depth, file, O_DIRECT or not, warm-up and duration), one job per
 * ring, with fio's default batching or a given batch. {@code --invalidate=0} keeps fio from dropping the file's
 * page cache (which would make P3 a disk test); {@code --norandommap --randrepeat=0} make the offsets plain
 * uniform random, as the Java contenders' are. {@code --thread} runs fio's jobs as threads of the one fio process
 * this runner starts: as processes, each job calls {@code setsid()}, and where the kernel schedules by autogroup
 * ({@code /proc/sys/kernel/sched_autogroup_enabled}) each job then gets a whole session's share of a busy machine's
 * CPUs, while the JVM's threads share one.
 *
 * <p>Reported figures come from fio's JSON: {@code read.total_ios} over {@code read.runtime}, the percentiles of
 * {@code read.lat_ns} (submission + completion, with {@code --lat_percentiles=1}) and {@code usr_cpu + sys_cpu}
 * (percent of one CPU per job, averaged over the jobs by {@code --group_reporting}).
 */
final class FioReads {
    private FioReads() {
    }

    /**
     * The fio command line; with {@code batch} above 1, fio submits {@code batch} reads per {@code io_uring_enter}
     * and waits for {@code batch} completions ({@code --iodepth_batch_submit}, {@code --iodepth_batch_complete_min});
     * fio's defaults (batch 1) enter the kernel once per read.
     */
    static List<String> command(String fio, ReadSpec spec, int jobs, int depth, int batch) {
        List<String> c = new ArrayList<>(List.of(fio,
                "--name=" + (spec.direct() ? "p2" : "p3"),
                "--thread",
                "--filename=" + spec.file().toAbsolutePath(),
                "--size=" + spec.fileSize(),
                "--ioengine=io_uring",
                "--fixedbufs=1",
                "--registerfiles=1",
                "--rw=randread",
                "--bs=" + spec.blockSize(),
                "--direct=" + (spec.direct() ? 1 : 0),
                "--iodepth=" + depth,
                "--numjobs=" + jobs,
                "--group_reporting",
                "--invalidate=0",
                "--norandommap",
                "--randrepeat=0",
                "--time_based",
                "--ramp_time=" + millis(spec.warmup().toMillis()),
                "--runtime=" + millis(spec.duration().toMillis()),
                "--lat_percentiles=1",
                "--output-format=json"));
        if (batch > 1) {
            c.add("--iodepth_batch_submit=" + batch);
            c.add("--iodepth_batch_complete_min=" + batch);
        }
        return c;
    }

    private static String millis(long ms) {
        return ms + "ms";
    }

    static ReadResult measure(String fio, ReadSpec spec, int jobs, int depth, int batch) {
        List<String> command = command(fio, spec, jobs, depth, batch);
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int exit = p.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("fio exited with " + exit + ": " + String.join(" ", command));
            }
            return parse(out, jobs, depth);
        } catch (IOException e) {
            throw new IllegalStateException("could not run fio (" + String.join(" ", command) + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fio ran", e);
        }
    }

    /** Reads one group-reported fio JSON result. */
    static ReadResult parse(String fioJson, int jobs, int depth) {
        int start = fioJson.indexOf('{');
        if (start < 0) {
            throw new IllegalStateException("fio printed no JSON: " + fioJson);
        }
        Map<String, Object> root = Json.object(Json.parse(fioJson.substring(start)));
        List<Object> jobList = Json.array(root.get("jobs"));
        if (jobList.size() != 1) {
            throw new IllegalStateException("expected one group-reported fio job, got " + jobList.size());
        }
        Map<String, Object> job = Json.object(jobList.getFirst());
        if (Json.number(job.get("error")) != 0) {
            throw new IllegalStateException("fio job reported error " + job.get("error"));
        }
        Map<String, Object> read = Json.object(job.get("read"));
        long reads = (long) Json.number(read.get("total_ios"));
        double seconds = Json.number(read.get("runtime")) / 1000.0;
        Map<String, Object> percentiles = Json.object(Json.object(read.get("lat_ns")).get("percentile"));
        long p50 = (long) Json.number(percentiles.get("50.000000"));
        long p99 = (long) Json.number(percentiles.get("99.000000"));
        double cpuPercentPerJob = Json.number(job.get("usr_cpu")) + Json.number(job.get("sys_cpu"));
        double cpuSeconds = cpuPercentPerJob / 100.0 * seconds * jobs;
        return new ReadResult("fio io_uring", jobs, depth, reads, seconds, p50, p99, cpuSeconds);
    }

    /** fio's version ("fio-3.33"), or "" if it cannot be run. */
    static String version(String fio) {
        return Commands.output(fio, "--version");
    }
}
