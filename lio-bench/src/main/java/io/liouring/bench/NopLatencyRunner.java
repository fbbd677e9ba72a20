package io.liouring.bench;

import io.liouring.bench.harness.Machine;
import io.liouring.bench.harness.Options;
import io.liouring.bench.harness.Report;
import io.liouring.bench.harness.Table;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the NOP latency histogram of benchmark P1 (part {@code p1-latency}): one NOP round trip at a time (push,
 * submit-and-wait for 1, reap), each timed, for lio-uring ({@link NopLatency}, in this JVM) and for liburing
 * ({@code nop_bench --latency}, a child process), on the default ring and on SINGLE_ISSUER|DEFER_TASKRUN.
 *
 * <p>In every round each setup is measured by both sides back to back (C first in odd rounds, Java first in even
 * ones); both inherit this process's CPU affinity ({@code lio-bench/run-p1-latency.sh} pins it with taskset). The
 * C side sends its sorted samples as value/count pairs, which go into an HdrHistogram like the Java side's, so both
 * sides' percentiles come from the same code and the rounds are pooled. Prints the table and writes
 * {@code p1-latency.json} and {@code p1-latency.md}.
 */
public final class NopLatencyRunner {
    static final String LIO = "lio-uring";
    static final String C = "liburing (C)";
    private static final String NOT_PINNED = "not pinned";
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    private static final String[] PERCENTILE_KEYS = {"p50", "p90", "p99", "p999", "p9999"};

    private Path cBinary;
    private Path out = Path.of("bench-results");
    private int rounds = 3;
    private int warmupOps = 500_000;
    private int ops = 2_000_000;
    private List<String> setups = List.of("default", "defer_taskrun");
    private String cpu = NOT_PINNED;
    private String liburing = "unknown";
    private String command = "java " + NopLatencyRunner.class.getName();
    private final Map<String, Histogram> pooled = new LinkedHashMap<>();
    private final List<Map<String, Object>> perRound = new ArrayList<>();

    public static void main(String[] args) throws IOException, InterruptedException {
        NopLatencyRunner r = new NopLatencyRunner();
        Options o = Options.parse(args, "c-binary", "out", "rounds", "warmup-ops", "ops", "setups", "cpu", "liburing",
                "command");
        r.cBinary = Path.of(o.required("c-binary"));
        r.out = o.path("out", r.out.toString());
        r.rounds = o.positiveInt("rounds", r.rounds);
        r.warmupOps = o.nonNegativeInt("warmup-ops", r.warmupOps);
        r.ops = o.positiveInt("ops", r.ops);
        r.setups = List.of(o.string("setups", String.join(",", r.setups)).split(","));
        r.cpu = o.string("cpu", r.cpu);
        r.liburing = o.string("liburing", r.liburing);
        r.command = o.string("command", r.command);
        r.run();
    }

    private void run() throws IOException, InterruptedException {
        Machine machine = Machine.describe();
        System.out.printf("P1 NOP latency: %d round(s) x %,d round trips (after %,d unrecorded) per side and setup%n",
                rounds, ops, warmupOps);
        for (int round = 1; round <= rounds; round++) {
            for (String setup : setups) {
                if (round % 2 == 1) {
                    record(round, setup, C, runC(setup));
                    record(round, setup, LIO, NopLatency.measure(setup, warmupOps, ops));
                } else {
                    record(round, setup, LIO, NopLatency.measure(setup, warmupOps, ops));
                    record(round, setup, C, runC(setup));
                }
            }
        }
        report(machine);
    }

    private void record(int round, String setup, String side, Histogram h) {
        pooled.computeIfAbsent(setup + "/" + side, k -> NopLatency.newHistogram()).add(h);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("round", round);
        r.put("setup", setup);
        r.put("side", side);
        r.put("p50_ns", h.getValueAtPercentile(50));
        r.put("p99_ns", h.getValueAtPercentile(99));
        r.put("max_ns", h.getMaxValue());
        perRound.add(r);
        System.out.printf("  round %d %-14s %-13s p50 %7.2f µs  p99 %7.2f µs  max %10.2f µs%n", round, setup, side,
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3);
    }

    /** Runs {@code nop_bench --latency} for one setup and loads its value/count lines into a histogram. */
    private Histogram runC(String setup) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cBinary.toString(), "--latency", Integer.toString(ops), "--warmup-ops",
                Integer.toString(warmupOps), setup).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Histogram h = NopLatency.newHistogram();
        boolean ended = false;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("v ")) {
                    String[] f = line.split(" ");
                    h.recordValueWithCount(Long.parseLong(f[1]), Long.parseLong(f[2]));
                } else if (line.equals("end")) {
                    ended = true;
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0 || !ended || h.getTotalCount() != ops) {
            throw new IllegalStateException(cBinary + " --latency failed for " + setup + " (exit " + exit + ", "
                    + h.getTotalCount() + " of " + ops + " samples)");
        }
        return h;
    }

    private static String label(String setup) {
        return setup.equals("defer_taskrun") ? "SINGLE_ISSUER+DEFER_TASKRUN" : "default";
    }

    private static String micros(double nanos) {
        return Table.num(nanos / 1e3);
    }

    private void report(Machine machine) throws IOException {
        Table table = new Table("setup", "side", "round trips", "mean µs", "p50 µs", "p90 µs", "p99 µs", "p99.9 µs",
                "p99.99 µs", "max µs");
        Table ratios = new Table("C ÷ lio-uring", "p50", "p90", "p99", "p99.9", "p99.99", "max");
        List<Map<String, Object>> results = new ArrayList<>();
        List<Map<String, Object>> ratioJson = new ArrayList<>();
        for (String setup : setups) {
            Map<String, Object> ratio = new LinkedHashMap<>();
            ratio.put("setup", setup);
            List<String> ratioCells = new ArrayList<>(List.of(label(setup)));
            Histogram lio = pooled.get(setup + "/" + LIO);
            Histogram c = pooled.get(setup + "/" + C);
            for (int i = 0; i <= PERCENTILES.length; i++) {
                double r = i < PERCENTILES.length
                        ? (double) c.getValueAtPercentile(PERCENTILES[i]) / lio.getValueAtPercentile(PERCENTILES[i])
                        : (double) c.getMaxValue() / lio.getMaxValue();
                ratio.put(i < PERCENTILES.length ? PERCENTILE_KEYS[i] : "max", r);
                ratioCells.add(Table.ratio(r));
            }
            ratios.row(ratioCells.toArray());
            ratioJson.add(ratio);
            for (String side : List.of(LIO, C)) {
                Histogram h = pooled.get(setup + "/" + side);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("setup", setup);
                result.put("side", side);
                result.put("round_trips", h.getTotalCount());
                result.put("mean_ns", h.getMean());
                List<String> cells = new ArrayList<>(List.of(label(setup), side, Table.num(h.getTotalCount()),
                        micros(h.getMean())));
                for (int i = 0; i < PERCENTILES.length; i++) {
                    long v = h.getValueAtPercentile(PERCENTILES[i]);
                    result.put(PERCENTILE_KEYS[i] + "_ns", v);
                    cells.add(micros(v));
                }
                result.put("max_ns", h.getMaxValue());
                cells.add(micros(h.getMaxValue()));
                table.row(cells.toArray());
                results.add(result);
            }
        }
        String settings = String.format("One NOP round trip = push one NOP, submit and wait for 1 completion"
                        + " (io_uring_enter with GETEVENTS), reap it; timed per round trip with CLOCK_MONOTONIC"
                        + " (System.nanoTime / clock_gettime, one clock read inside each sample). Ring of %d entries."
                        + " Per side, setup and round: %,d unrecorded round trips, then %,d recorded; %d round(s),"
                        + " C and Java back to back (order alternating by round), pooled over the rounds. %s;"
                        + " liburing %s. The loop allocates nothing, so no GC runs while it is measured. Percentiles from"
                        + " HdrHistogram (3 significant digits) for both sides: the C side (nop_bench --latency) keeps"
                        + " every sample and hands them over sorted. Tails (p99.99, max) are where a shared machine"
                        + " shows: a round trip that lost its CPU to another process counts the time it waited.",
                NopBenchmark.RING_ENTRIES, warmupOps, ops, rounds, cpu.equals(NOT_PINNED) ? "Not pinned"
                        : "Both sides pinned to CPU " + cpu + " (taskset), the JVM's own threads (JIT, GC) too", liburing);
        new Report("P1 — NOP latency (one round trip: push, submit-and-wait, reap)", machine, command, settings)
                .markdown(table.markdown() + "\n")
                .markdown("Latency ratio, C ÷ lio-uring at each percentile (> 1: lio-uring's round trip is the faster):\n\n")
                .markdown(ratios.markdown() + "\n")
                .json("pinned_cpu", cpu)
                .json("liburing", liburing)
                .json("results", results)
                .json("ratios_c_over_lio", ratioJson)
                .json("rounds", perRound)
                .write(out, "p1-latency");
    }
}
