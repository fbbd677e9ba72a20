package io.liouring.bench;

import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.operation.Nop;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * The lio-uring side of the NOP latency histogram ({@link NopLatencyRunner}): one NOP round trip at a time —
 * push a reused {@link Nop}, {@link LioUring#submitAndWait submitAndWait(1)}, reap it with
 * {@link LioUring#forEachCompletion} — each timed with {@link System#nanoTime()} (CLOCK_MONOTONIC, as the C side)
 * and recorded in an HdrHistogram (3 significant digits). The same loop as {@code nop_bench.c --latency}.
 *
 * <p>Warm-up and measurement run the same method in chunks of {@link #CHUNK} round trips, so the JIT compiles it
 * whole during the warm-up rather than swapping in new code in the middle of the measurement.
 */
final class NopLatency {
    static final int CHUNK = 10_000;
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private NopLatency() {
    }

    /** A histogram able to hold round trips of up to a minute, in nanoseconds. */
    static Histogram newHistogram() {
        return new Histogram(HIGHEST_NANOS, 3);
    }

    /**
     * Runs {@code warmupOps} unrecorded round trips, then {@code ops} recorded ones, on a new ring of
     * {@link NopBenchmark#RING_ENTRIES} set up as {@code setup} ({@code default} or {@code defer_taskrun}).
     */
    static Histogram measure(String setup, int warmupOps, int ops) {
        Params params = NopBatch.params(setup);
        if (warmupOps < 0 || ops < 1) {
            throw new IllegalArgumentException("warmupOps must be >= 0 and ops >= 1: " + warmupOps + ", " + ops);
        }
        Histogram histogram = newHistogram();
        Nop nop = new Nop();
        NopBenchmark.Sum sum = new NopBenchmark.Sum();
        try (LioUring ring = new LioUring(NopBenchmark.RING_ENTRIES, params)) {
            inChunks(ring, nop, sum, histogram, warmupOps);
            histogram.reset();
            inChunks(ring, nop, sum, histogram, ops);
        }
        return histogram;
    }

    private static void inChunks(LioUring ring, Nop nop, NopBenchmark.Sum sum, Histogram histogram, int ops) {
        for (int done = 0; done < ops; done += CHUNK) {
            roundTrips(ring, nop, sum, histogram, Math.min(CHUNK, ops - done));
        }
    }

    private static void roundTrips(LioUring ring, Nop nop, NopBenchmark.Sum sum, Histogram histogram, int n) {
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            ring.push(nop, i);
            ring.submitAndWait(1);
            int reaped = ring.forEachCompletion(sum);
            histogram.recordValue(System.nanoTime() - start);
            if (reaped != 1) {
                throw new IllegalStateException("reaped " + reaped + " completions, expected 1");
            }
        }
    }
}
