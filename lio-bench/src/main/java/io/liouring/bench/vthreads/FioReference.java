package io.liouring.bench.vthreads;

import io.liouring.bench.harness.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the device gives O_DIRECT 4 KiB random reads of a file, as a reference beside P5's and P8's figures: one fio
 * job with the io_uring engine at a deep queue, the same file, warm-up and duration.
 */
final class FioReference {
    private FioReference() {
    }

    /**
     * Runs fio and returns reads_per_s, p50_us, p99_us and p999_us (completion latency); null when fio is not
     * installed or failed, having said so on stdout.
     */
    static Map<String, Object> run(String fio, Path file, int depth, double warmup, double duration) throws Exception {
        List<String> cmd = List.of(fio, "--name=device-reference", "--filename=" + file, "--direct=1", "--rw=randread",
                "--bs=4k", "--ioengine=io_uring", "--iodepth=" + depth, "--invalidate=0", "--time_based",
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
        r.put("reads_per_s", Json.number(read.get("iops")));
        r.put("p50_us", Json.number(percentiles.get("50.000000")) / 1e3);
        r.put("p99_us", Json.number(percentiles.get("99.000000")) / 1e3);
        r.put("p999_us", Json.number(percentiles.get("99.900000")) / 1e3);
        return r;
    }
}
