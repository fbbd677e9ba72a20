package io.liouring.bench.alloc;

import io.liouring.bench.report.Json;
import io.liouring.bench.report.Machine;
import io.liouring.bench.report.Table;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs benchmark P6 with JMH ({@code -prof gc} and {@link ThreadAllocProfiler}): the async path
 * ({@link AsyncPathBenchmark}) and, when P1's {@code io.liouring.bench.NopBenchmark} is on the class path, the ring
 * path (push/submit/reap of a reused Nop, batch 1). Prints bytes per operation on each thread, writes
 * {@code p6.json} and {@code p6.md}.
 */
public final class P6Runner {
    private static final String NOP_BENCHMARK = "io.liouring.bench.NopBenchmark";

    public static void main(String[] args) throws Exception {
        int forks = 2;
        int warmups = 5;
        int iterations = 5;
        int timeMs = 1000;
        Path out = Path.of("bench-results");
        String command = "";
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--forks" -> forks = Integer.parseInt(v);
                case "--warmup" -> warmups = Integer.parseInt(v);
                case "--iterations" -> iterations = Integer.parseInt(v);
                case "--time-ms" -> timeMs = Integer.parseInt(v);
                case "--out" -> out = Path.of(v);
                case "--command" -> command = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
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
                .addProfiler(ThreadAllocProfiler.class)
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
            double worker = score(sec, "alloc.worker");
            double loop = score(sec, "alloc.loop");
            double other = score(sec, "alloc.other");
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
                + " ThreadAllocProfiler (ThreadMXBean.getThreadAllocatedBytes per thread, divided by operations). Ring"
                + " path: %s.", forks, warmups, iterations, timeMs, ringPath ? "P1's NopBenchmark.nopBatch, batch 1 (one"
                + " push, submit, reap per operation)" : "not measured here (P1's NopBenchmark is not on the class path)");
        StringBuilder md = new StringBuilder();
        md.append("### P6 — allocation per operation\n\n");
        md.append(machine.markdown()).append("\n\n");
        md.append("Command: `").append(command).append("`\n\n");
        md.append(settings).append("\n\n");
        md.append(t.markdown()).append('\n');
        md.append("Goal: 0 B/op on the ring; ≤ 1 small object per operation on the async path.\n");
        System.out.println();
        System.out.print(md);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "P6 allocation per operation");
        root.put("machine", machine.toJson());
        root.put("command", command);
        root.put("settings", settings);
        root.put("results", json);
        Files.createDirectories(out);
        Files.writeString(out.resolve("p6.json"), Json.write(root));
        Files.writeString(out.resolve("p6.md"), md);
        System.out.println("wrote " + out.resolve("p6.json") + " and " + out.resolve("p6.md"));
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
