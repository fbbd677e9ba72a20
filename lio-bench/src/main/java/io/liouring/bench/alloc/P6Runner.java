package io.liouring.bench.alloc;

import io.liouring.bench.harness.Machine;
import io.liouring.bench.harness.Options;
import io.liouring.bench.harness.Report;
import io.liouring.bench.harness.Table;
import io.liouring.bench.harness.ThreadCostProfiler;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs benchmark P6 with JMH ({@code -prof gc} and {@link ThreadCostProfiler}): the async path
 * ({@link AsyncPathBenchmark}) and, when P1's {@code io.liouring.bench.NopBenchmark} is on the class path, the ring
 * path (push/submit/reap of a reused Nop, batch 1). Prints bytes per operation on each thread, writes
 * {@code p6.json} and {@code p6.md}. Options: {@code --forks N} (0 runs in this JVM), {@code --warmup N},
 * {@code --iterations N}, {@code --time-ms MS}, {@code --out DIR}, {@code --command TEXT}.
 */
public final class P6Runner {
    private static final String NOP_BENCHMARK = "io.liouring.bench.NopBenchmark";

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args, "forks", "warmup", "iterations", "time-ms", "out", "command");
        int forks = o.nonNegativeInt("forks", 2);
        int warmups = o.nonNegativeInt("warmup", 5);
        int iterations = o.positiveInt("iterations", 5);
        int timeMs = o.positiveInt("time-ms", 1000);
        Path out = o.path("out", "bench-results");
        String command = o.string("command", "");
        Machine machine = Machine.describe();
        boolean ringPath = isPresent(NOP_BENCHMARK);
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(AsyncPathBenchmark.class.getName() + "\\.")
                .forks(forks)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.milliseconds(timeMs))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.milliseconds(timeMs))
                .addProfiler(GCProfiler.class)
                .addProfiler(ThreadCostProfiler.class)
                .shouldFailOnError(true);
        if (ringPath) {
            options.include(NOP_BENCHMARK + "\\.nopBatch").param("batch", "1");
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        Table t = new Table("path", "benchmark", "ops/s", "JVM-wide B/op (-prof gc)", "submitter/worker B/op",
                "loop thread B/op", "other threads B/op");
        List<Object> json = new ArrayList<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            String params = r.getParams().getParamsKeys().stream()
                    .map(k -> k + "=" + r.getParams().getParam(k)).reduce((a, b) -> a + "," + b).orElse("");
            String label = shortName + (params.isEmpty() ? "" : " (" + params + ")");
            String path = name.startsWith(NOP_BENCHMARK) ? "ring" : "async";
            double score = r.getPrimaryResult().getScore();
            Map<String, Result> sec = r.getSecondaryResults();
            double gc = score(sec, "gc.alloc.rate.norm");
            double worker = score(sec, "worker.alloc.norm");
            double loop = score(sec, "loop.alloc.norm");
            double other = score(sec, "other.alloc.norm");
            t.row(path, label, Table.num(score), Table.num(gc), Table.num(worker), Table.num(loop), Table.num(other));
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("path", path);
            j.put("benchmark", name);
            j.put("params", params);
            j.put("ops_per_s", score);
            j.put("ops_per_s_error", r.getPrimaryResult().getScoreError());
            j.put("jvm_bytes_per_op", gc);
            j.put("worker_bytes_per_op", worker);
            j.put("loop_bytes_per_op", loop);
            j.put("other_bytes_per_op", other);
            json.add(j);
        }
        String settings = String.format("JMH: %d fork(s), %d warm-up + %d measured iterations of %d ms; -prof gc and"
                + " ThreadCostProfiler (ThreadMXBean.getThreadAllocatedBytes per thread, divided by operations). Ring"
                + " path: %s.", forks, warmups, iterations, timeMs, ringPath ? "P1's NopBenchmark.nopBatch, batch 1 (one"
                + " push, submit, reap per operation)" : "not measured here (P1's NopBenchmark is not on the class path)");
        new Report("P6 — allocation per operation", machine, command, settings)
                .markdown(t.markdown() + "\nGoal: 0 B/op on the ring; ≤ 1 small object per operation on the async path.\n")
                .json("results", json)
                .write(out, "p6");
    }

    private static double score(Map<String, Result> secondary, String key) {
        Result r = secondary.get(key);
        return r == null ? Double.NaN : r.getScore();
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, P6Runner.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
