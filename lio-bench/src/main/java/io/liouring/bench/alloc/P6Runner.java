package io.liouring.bench.alloc;

import io.liouring.bench.harness.Machine;
import io.liouring.bench.harness.Options;
import io.liouring.bench.harness.Report;
import io.liouring.bench.harness.Stats;
import io.liouring.bench.harness.Table;
import io.liouring.bench.harness.ThreadCostProfiler;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs benchmark P6 with JMH ({@code -prof gc} and {@link ThreadCostProfiler}): the async path
 * ({@link AsyncPathBenchmark}) and, when P1's {@code io.liouring.bench.NopBenchmark} is on the class path, the ring
 * path (push/submit/reap of a reused Nop, batch 1). Prints bytes per operation on each thread (every cell the median
 * of the measured iterations of all forks, with their range), writes
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
            double[] score = perIteration(r, null);
            double[] gc = perIteration(r, "gc.alloc.rate.norm");
            double[] worker = perIteration(r, "worker.alloc.norm");
            double[] loop = perIteration(r, "loop.alloc.norm");
            double[] other = perIteration(r, "other.alloc.norm");
            t.row(path, label, Table.spread(score), Table.spread(gc), Table.spread(worker), Table.spread(loop),
                    Table.spread(other));
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("path", path);
            j.put("benchmark", name);
            j.put("params", params);
            j.put("ops_per_s", Stats.median(score));
            j.put("ops_per_s_iterations", boxed(score));
            j.put("jvm_bytes_per_op", Stats.median(gc));
            j.put("worker_bytes_per_op", Stats.median(worker));
            j.put("loop_bytes_per_op", Stats.median(loop));
            j.put("other_bytes_per_op", Stats.median(other));
            j.put("jvm_bytes_per_op_iterations", boxed(gc));
            json.add(j);
        }
        String settings = String.format("JMH: %d fork(s), %d warm-up + %d measured iterations of %d ms; -prof gc and"
                + " ThreadCostProfiler (ThreadMXBean.getThreadAllocatedBytes per thread, divided by operations). Every cell:"
                + " median of the measured iterations of all forks (min–max). Ring"
                + " path: %s.", forks, warmups, iterations, timeMs, ringPath ? "P1's NopBenchmark.nopBatch, batch 1 (one"
                + " push, submit, reap per operation)" : "not measured here (P1's NopBenchmark is not on the class path)");
        new Report("P6 — allocation per operation", machine, command, settings)
                .markdown(t.markdown() + "\nGoals: 0 B/op on the ring; on the async path ≤ 48 B per request (an IoFuture),"
                        + " and 0 B per request submitted with a callback and no future (issue 15).\n")
                .json("results", json)
                .write(out, "p6");
    }

    /**
     * The measured iterations' values of every fork: the primary score ({@code key == null}) or a profiler's
     * secondary result; empty if the profiler did not report it.
     */
    private static double[] perIteration(RunResult run, String key) {
        List<Double> values = new ArrayList<>();
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                Result r = key == null ? iteration.getPrimaryResult() : iteration.getSecondaryResults().get(key);
                if (r != null) {
                    values.add(r.getScore());
                }
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
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
