package io.liouring.bench;

import io.liouring.LioUring;
import io.liouring.Params;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * P1 as a plain {@code main} loop, without JMH: the loop a user writes and the same program as
 * {@code nop_bench.c}, line for line. One batch = push {@code N} NOPs, submitAndWait(N), reap the {@code N}
 * completions ({@link NopBatch}). An iteration runs batches for {@code --time-ms} of wall-clock time, reading the
 * clock every {@code max(1, 64 / N)} batches, as the C program does.
 *
 * <p>Usage: {@code NopLoop [--warmup N] [--iterations N] [--time-ms MS] SETUP:BATCH...}, SETUP {@code default} or
 * {@code defer_taskrun}. Prints one line per measured iteration in {@code nop_bench}'s format, which
 * {@link P1Runner} reads for both:
 * {@code iteration impl=java-loop setup=default batch=32 index=0 ops_per_sec=12345678.9 cpu_ns_per_op=81.2}.
 */
public final class NopLoop {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final NopBatch nops;
    private final int batch;

    private NopLoop(LioUring ring, int batch) {
        this.nops = new NopBatch(ring, batch);
        this.batch = batch;
    }

    /** Runs batches for about {@code timeNanos}; returns {NOPs per second, CPU ns of this thread per NOP}. */
    private double[] runIteration(long timeNanos) {
        int perCheck = batch >= 64 ? 1 : 64 / batch;
        long ops = 0;
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end;
        do {
            for (int k = 0; k < perCheck; k++) {
                nops.run();
            }
            ops += (long) perCheck * batch;
            end = System.nanoTime();
        } while (end - start < timeNanos);
        long cpuEnd = THREADS.getCurrentThreadCpuTime();
        return new double[] {ops * 1e9 / (end - start), (double) (cpuEnd - cpuStart) / ops};
    }

    /** See the class comment for the arguments. */
    public static void main(String[] args) {
        int warmup = 5;
        int iterations = 5;
        int timeMs = 1000;
        int first = 0;
        while (first < args.length && args[first].startsWith("--")) {
            if (first + 1 >= args.length) {
                throw new IllegalArgumentException(args[first] + " needs a value");
            }
            int value = Integer.parseInt(args[first + 1]);
            switch (args[first]) {
                case "--warmup" -> warmup = value;
                case "--iterations" -> iterations = value;
                case "--time-ms" -> timeMs = value;
                default -> throw new IllegalArgumentException("unknown option " + args[first]);
            }
            first += 2;
        }
        if (first == args.length) {
            throw new IllegalArgumentException("usage: NopLoop [--warmup N] [--iterations N] [--time-ms MS] SETUP:BATCH...");
        }
        for (int c = first; c < args.length; c++) {
            String[] config = args[c].split(":", 2);
            if (config.length != 2) {
                throw new IllegalArgumentException("a configuration is SETUP:BATCH: " + args[c]);
            }
            run(config[0], Integer.parseInt(config[1]), warmup, iterations, timeMs * 1_000_000L);
        }
    }

    private static void run(String setup, int batch, int warmup, int iterations, long timeNanos) {
        Params params = NopBatch.params(setup);
        NopBatch.requireBatch(batch);
        try (LioUring ring = new LioUring(NopBenchmark.RING_ENTRIES, params)) {
            NopLoop loop = new NopLoop(ring, batch);
            for (int i = 0; i < warmup; i++) {
                loop.runIteration(timeNanos);
            }
            double total = 0;
            double totalCpu = 0;
            for (int i = 0; i < iterations; i++) {
                double[] m = loop.runIteration(timeNanos);
                total += m[0];
                totalCpu += m[1];
                System.out.printf(Locale.ROOT, "iteration impl=java-loop setup=%s batch=%d index=%d ops_per_sec=%.1f"
                        + " cpu_ns_per_op=%.3f%n", setup, batch, i, m[0], m[1]);
                System.out.flush();
            }
            System.out.printf(Locale.ROOT, "result impl=java-loop setup=%s batch=%d iterations=%d ops_per_sec=%.1f"
                    + " cpu_ns_per_op=%.3f sum=%d%n", setup, batch, iterations, total / iterations,
                    totalCpu / iterations, loop.nops.sum());
        }
    }
}
