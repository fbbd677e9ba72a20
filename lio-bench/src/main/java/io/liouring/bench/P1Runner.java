package io.liouring.bench;

import io.liouring.bench.harness.Json;
import io.liouring.bench.harness.Machine;
import io.liouring.bench.harness.Options;
import io.liouring.bench.harness.ThreadCostProfiler;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static io.liouring.bench.harness.Stats.mean;
import static io.liouring.bench.harness.Stats.median;
import static io.liouring.bench.harness.Stats.relStdevPercent;

/**
 * Runs benchmark P1 (NOP throughput) for lio-uring, twice — as a JMH benchmark ({@link NopBenchmark}, with
 * {@code -prof gc}) and as a plain {@code main} loop ({@link NopLoop}, a JVM of its own) — and for liburing
 * ({@code nop_bench.c}), interleaved: in every round, each configuration is measured by one C process, one JMH fork
 * and one loop JVM back to back (C first in odd rounds, last in even ones), so all sides see the same machine
 * conditions. All inherit this process's CPU affinity (pin it with {@code taskset}).
 *
 * <p>Each ratio to C is taken per round (the round's mean ops/s of one side over the C process's of the same round)
 * and reported as the median over the rounds, with its min and max. Prints a table and writes it as JSON and as
 * Markdown. Started by {@code lio-bench/run-p1.sh}, which builds the jar and the C program and pins the CPU.
 */
public final class P1Runner {
    private static final String GC_NORM = "gc.alloc.rate.norm";
    private static final String WORKER_NORM = "worker.alloc.norm";
    private static final String WORKER_CPU = "worker.cpu.norm";

    private record Config(String setup, int batch) {
        String label() {
            return setup.equals("defer_taskrun") ? "SINGLE_ISSUER+DEFER_TASKRUN" : "default";
        }
    }

    /**
     * Per-configuration measurements: NOPs per second per iteration; CPU nanoseconds per NOP of the benchmark
     * thread (per iteration for C, per fork for Java); bytes per NOP per fork, of the benchmark thread
     * ({@link ThreadCostProfiler}) and of the whole JVM ({@code -prof gc}, including JMH's harness).
     */
    private static final class Measured {
        final List<Double> java = new ArrayList<>();
        final List<Double> c = new ArrayList<>();
        final List<Double> loop = new ArrayList<>();
        final List<Double> javaCpuNsPerOp = new ArrayList<>();
        final List<Double> cCpuNsPerOp = new ArrayList<>();
        final List<Double> loopCpuNsPerOp = new ArrayList<>();
        final List<Double> javaBytesPerOp = new ArrayList<>();
        final List<Double> jvmBytesPerOp = new ArrayList<>();
        /** Per round: the side's mean ops/s (or CPU ns per NOP) over C's in the same round. */
        final List<Double> javaToC = new ArrayList<>();
        final List<Double> loopToC = new ArrayList<>();
        final List<Double> javaToCByCpu = new ArrayList<>();
        final List<Double> loopToCByCpu = new ArrayList<>();

        /** Adds the ratios of the round whose iterations start at these indices of the per-iteration lists. */
        void closeRound(int javaFrom, int cFrom, int loopFrom) {
            double c = mean(this.c.subList(cFrom, this.c.size()));
            double cCpu = mean(cCpuNsPerOp.subList(cFrom, cCpuNsPerOp.size()));
            javaToC.add(mean(java.subList(javaFrom, java.size())) / c);
            loopToC.add(mean(loop.subList(loopFrom, loop.size())) / c);
            javaToCByCpu.add(cCpu / javaCpuNsPerOp.getLast());
            loopToCByCpu.add(cCpu / mean(loopCpuNsPerOp.subList(loopFrom, loopCpuNsPerOp.size())));
        }
    }

    private final Path cBinary;
    private final Path outDir;
    private final int rounds;
    private final int warmup;
    private final int iterations;
    private final int timeMs;
    private final List<Config> configs = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final String liburing;
    private final String command;

    private P1Runner(Options options) {
        this.cBinary = Path.of(options.required("c-binary"));
        this.outDir = options.path("out", "bench-results");
        this.rounds = options.positiveInt("rounds", 3);
        this.warmup = options.nonNegativeInt("warmup", 10);
        this.iterations = options.positiveInt("iterations", 5);
        this.timeMs = options.positiveInt("time-ms", 1000);
        this.liburing = options.string("liburing", "unknown");
        this.command = options.string("command", "java " + P1Runner.class.getName());
        for (String setup : options.string("setups", "default,defer_taskrun").split(",")) {
            if (!setup.equals("default") && !setup.equals("defer_taskrun")) {
                throw new IllegalArgumentException("--setups takes default and/or defer_taskrun: " + setup);
            }
            for (String batch : options.string("batches", "1,32,128").split(",")) {
                int n = Integer.parseInt(batch.trim());
                if (n < 1 || n > NopBenchmark.RING_ENTRIES) {
                    throw new IllegalArgumentException("batches must be between 1 and " + NopBenchmark.RING_ENTRIES + ": " + n);
                }
                configs.add(new Config(setup, n));
            }
        }
        jvmArgs.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 23) {
            jvmArgs.add("--sun-misc-unsafe-memory-access=allow"); // JMH 1.37 uses Unsafe; JDK 24+ warns about it
        }
        jvmArgs.addAll(options.all("jvm-arg"));
    }

    /**
     * Options: {@code --c-binary PATH} (required), {@code --out DIR}, {@code --rounds N}, {@code --warmup N},
     * {@code --iterations N}, {@code --time-ms MS}, {@code --setups default,defer_taskrun}, {@code --batches 1,32,128},
     * {@code --jvm-arg ARG} (repeatable), {@code --liburing VERSION}, {@code --command TEXT}.
     */
    public static void main(String[] args) throws Exception {
        new P1Runner(Options.parse(args, "c-binary", "out", "rounds", "warmup", "iterations", "time-ms", "setups",
                "batches", "jvm-arg", "liburing", "command")).run();
    }

    private void run() throws IOException, InterruptedException, RunnerException {
        ZonedDateTime started = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        Map<Config, Measured> results = new LinkedHashMap<>();
        for (Config config : configs) {
            results.put(config, new Measured());
        }
        for (int round = 1; round <= rounds; round++) {
            for (Config config : configs) {
                Measured m = results.get(config);
                int javaFrom = m.java.size();
                int cFrom = m.c.size();
                int loopFrom = m.loop.size();
                if (round % 2 == 1) {
                    runC(config, m);
                    runJava(config, m);
                    runLoop(config, m);
                } else {
                    runLoop(config, m);
                    runJava(config, m);
                    runC(config, m);
                }
                m.closeRound(javaFrom, cFrom, loopFrom);
                System.out.printf(Locale.ROOT, "round %d/%d  %-27s batch %3d   JMH %s (%.3f)  loop %s (%.3f)  C %s%n",
                        round, rounds, config.label(), config.batch(), ops(last(m.java)), m.javaToC.getLast(),
                        ops(last(m.loop)), m.loopToC.getLast(), ops(last(m.c)));
            }
        }
        Machine machine = Machine.describe();
        String table = table(results);
        System.out.println();
        System.out.println(machine.markdown() + " liburing " + liburing + ".");
        System.out.println();
        System.out.println(table);

        Files.createDirectories(outDir);
        Path json = outDir.resolve("p1.json");
        Path md = outDir.resolve("p1.md");
        Files.writeString(json, json(started, machine, results));
        Files.writeString(md, markdown(started, machine, table));
        System.out.println("wrote " + json + " and " + md);
    }

    // ---------------------------------------------------------------- the two sides

    private void runC(Config config, Measured m) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(cBinary.toString()));
        command.addAll(loopArguments(config));
        runProgram(command, config, m.c, m.cCpuNsPerOp);
    }

    /** The plain-loop side: {@link NopLoop} in a JVM of its own, with the JMH forks' JVM options. */
    private void runLoop(Config config, Measured m) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NopLoop.class.getName()));
        command.addAll(loopArguments(config));
        runProgram(command, config, m.loop, m.loopCpuNsPerOp);
    }

    private List<String> loopArguments(Config config) {
        return List.of("--warmup", Integer.toString(warmup), "--iterations", Integer.toString(iterations),
                "--time-ms", Integer.toString(timeMs), config.setup() + ":" + config.batch());
    }

    /** Runs a program that prints {@code nop_bench}'s iteration lines, adding its ops/s and CPU ns per NOP. */
    private void runProgram(List<String> command, Config config, List<Double> opsPerSec, List<Double> cpuNsPerOp)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int seen = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("iteration ")) {
                    opsPerSec.add(Double.parseDouble(field(line, "ops_per_sec")));
                    cpuNsPerOp.add(Double.parseDouble(field(line, "cpu_ns_per_op")));
                    seen++;
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0 || seen != iterations) {
            throw new IllegalStateException(command.getLast() + " of " + command.getFirst() + " failed for " + config
                    + " (exit " + exit + ", " + seen + " of " + iterations + " iterations)");
        }
    }

    private void runJava(Config config, Measured m) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(NopBenchmark.class.getName() + ".nopBatch") + "$")
                .param("batch", Integer.toString(config.batch()))
                .param("setup", config.setup())
                .forks(1)
                .warmupIterations(warmup)
                .warmupTime(TimeValue.milliseconds(timeMs))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.milliseconds(timeMs))
                .addProfiler(GCProfiler.class)
                .addProfiler(ThreadCostProfiler.class)
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        Collection<RunResult> runs = new Runner(options.build()).run();
        if (runs.size() != 1) {
            throw new IllegalStateException("expected one JMH result for " + config + ", got " + runs.size());
        }
        RunResult run = runs.iterator().next();
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                m.java.add(iteration.getPrimaryResult().getScore() * config.batch());
            }
        }
        m.javaBytesPerOp.add(secondary(run, WORKER_NORM) / config.batch());
        m.javaCpuNsPerOp.add(secondary(run, WORKER_CPU) / config.batch());
        m.jvmBytesPerOp.add(secondary(run, GC_NORM) / config.batch());
    }

    private static double secondary(RunResult run, String name) {
        Result<?> result = run.getAggregatedResult().getSecondaryResults().get(name);
        if (result == null) {
            throw new IllegalStateException("JMH reported no " + name);
        }
        return result.getScore();
    }

    private static String field(String line, String key) {
        for (String token : line.split(" ")) {
            if (token.startsWith(key + "=")) {
                return token.substring(key.length() + 1);
            }
        }
        throw new IllegalStateException("no " + key + " in: " + line);
    }

    // ---------------------------------------------------------------- reporting

    private String table(Map<Config, Measured> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| setup | batch | JMH ops/s | loop ops/s | C ops/s | JMH/C | loop/C | JMH B/op | JVM-wide B/op"
                + " | JMH CPU ns/op | loop CPU ns/op | C CPU ns/op | JMH/C by CPU time | loop/C by CPU time |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        results.forEach((config, m) -> sb.append(String.format(Locale.ROOT,
                "| %s | %d | %s ± %.1f%% | %s ± %.1f%% | %s ± %.1f%% | %s | %s | %.4f | %.4f | %.1f | %.1f | %.1f | %s | %s |%n",
                config.label(), config.batch(), ops(mean(m.java)), relStdevPercent(m.java), ops(mean(m.loop)),
                relStdevPercent(m.loop), ops(mean(m.c)), relStdevPercent(m.c),
                spread(m.javaToC), spread(m.loopToC), mean(m.javaBytesPerOp), mean(m.jvmBytesPerOp),
                mean(m.javaCpuNsPerOp), mean(m.loopCpuNsPerOp), mean(m.cCpuNsPerOp),
                spread(m.javaToCByCpu), spread(m.loopToCByCpu))));
        return sb.toString().stripTrailing();
    }

    /** The median of per-round ratios with their min and max: {@code 0.97 (0.93–1.01)}. */
    private static String spread(List<Double> ratios) {
        return String.format(Locale.ROOT, "%.3f (%.2f–%.2f)", medianOf(ratios),
                ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    }

    private static double medianOf(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private String markdown(ZonedDateTime started, Machine machine, String table) {
        return "### P1 — NOP throughput (push N, submitAndWait(N), reap N)\n\n"
                + machine.markdown() + " liburing " + liburing + ".  \n"
                + "Date: " + started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "  \n"
                + "Command: `" + command + "`  \n"
                + String.format(Locale.ROOT, "Per configuration and side: %d rounds x (%d warm-up + %d measured iterations"
                        + " of %d ms); C, JMH (NopBenchmark) and the plain Java loop (NopLoop, a JVM of its own)"
                        + " interleaved round by round. ops/s = NOPs per second, mean ± relative"
                        + " standard deviation of the measured iterations. JMH/C and loop/C: the median over the rounds"
                        + " of each round's ratio (min–max in brackets). JMH B/op = bytes the benchmark thread allocated per NOP"
                        + " (ThreadCostProfiler); JVM-wide B/op = JMH -prof gc's gc.alloc.rate.norm per NOP, which also"
                        + " counts the harness's own per-iteration allocation on other threads. CPU ns/op = CPU time"
                        + " (user + system) of the benchmark thread per NOP; by CPU time = C CPU ns/op divided by"
                        + " Java's, per round, a companion ratio that other processes on the CPU disturb less.%n%n",
                rounds, warmup, iterations, timeMs)
                + table + "\n";
    }

    private String json(ZonedDateTime started, Machine machine, Map<Config, Measured> results) {
        Json.Writer j = new Json.Writer();
        j.open('{');
        j.key("benchmark").string("P1 NOP throughput");
        j.key("date").string(started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        j.key("command").string(command);
        j.key("machine").value(machine.toJson());
        j.key("liburing").string(liburing);
        j.key("method").open('{');
        j.key("rounds").number(rounds);
        j.key("warmupIterations").number(warmup);
        j.key("measurementIterations").number(iterations);
        j.key("iterationMillis").number(timeMs);
        j.key("ringEntries").number(NopBenchmark.RING_ENTRIES);
        j.key("jvmArgs").strings(jvmArgs);
        j.close('}');
        j.key("results").open('[');
        results.forEach((config, m) -> {
            j.open('{');
            j.key("setup").string(config.setup());
            j.key("batch").number(config.batch());
            j.key("javaOpsPerSec").number(mean(m.java));
            j.key("javaRelStdevPercent").number(relStdevPercent(m.java));
            j.key("cOpsPerSec").number(mean(m.c));
            j.key("cRelStdevPercent").number(relStdevPercent(m.c));
            j.key("loopOpsPerSec").number(mean(m.loop));
            j.key("loopRelStdevPercent").number(relStdevPercent(m.loop));
            j.key("javaToC").number(medianOf(m.javaToC));
            j.key("javaToCPerRound").numbers(m.javaToC);
            j.key("loopToC").number(medianOf(m.loopToC));
            j.key("loopToCPerRound").numbers(m.loopToC);
            j.key("javaCpuNsPerOp").number(mean(m.javaCpuNsPerOp));
            j.key("loopCpuNsPerOp").number(mean(m.loopCpuNsPerOp));
            j.key("cCpuNsPerOp").number(mean(m.cCpuNsPerOp));
            j.key("javaToCByCpuTime").number(medianOf(m.javaToCByCpu));
            j.key("loopToCByCpuTime").number(medianOf(m.loopToCByCpu));
            j.key("javaBytesPerOp").number(mean(m.javaBytesPerOp));
            j.key("jvmWideBytesPerOp").number(mean(m.jvmBytesPerOp));
            j.key("javaIterations").numbers(m.java);
            j.key("cIterations").numbers(m.c);
            j.key("loopIterations").numbers(m.loop);
            j.key("javaCpuNsPerOpPerFork").numbers(m.javaCpuNsPerOp);
            j.key("cCpuNsPerOpIterations").numbers(m.cCpuNsPerOp);
            j.key("javaBytesPerOpPerFork").numbers(m.javaBytesPerOp);
            j.key("jvmWideBytesPerOpPerFork").numbers(m.jvmBytesPerOp);
            j.close('}');
        });
        j.close(']');
        j.close('}');
        return j.toString() + "\n";
    }

    private static String ops(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", v / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f k", v / 1e3);
    }

    private static double last(List<Double> values) {
        return values.isEmpty() ? Double.NaN : values.getLast();
    }
}
