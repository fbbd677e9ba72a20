package io.liouring.bench;

import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.operation.Nop;

/**
 * P1's unit of work on one ring, the same for {@link NopBenchmark} (JMH) and {@link NopLoop} (a plain loop): push
 * {@code batch} NOPs (one reused {@link Nop}, user data = index), {@link LioUring#submitAndWait submitAndWait(batch)},
 * reap the {@code batch} completions with {@link LioUring#forEachCompletion} into an allocation-free handler.
 */
final class NopBatch {
    private final LioUring ring;
    private final int batch;
    private final Nop nop = new Nop();
    private final NopBenchmark.Sum sum = new NopBenchmark.Sum();

    /**
     * @param ring  a ring of {@link NopBenchmark#RING_ENTRIES} entries
     * @param batch NOPs per batch, as {@link #requireBatch} checks
     */
    NopBatch(LioUring ring, int batch) {
        this.ring = ring;
        this.batch = batch;
    }

    /** Refuses a batch outside 1 to {@link NopBenchmark#RING_ENTRIES}, before a ring is opened for it. */
    static void requireBatch(int batch) {
        if (batch < 1 || batch > NopBenchmark.RING_ENTRIES) {
            throw new IllegalArgumentException("batch must be between 1 and " + NopBenchmark.RING_ENTRIES + ": " + batch);
        }
    }

    /** The ring's parameters for a setup: {@code default} or {@code defer_taskrun} (SINGLE_ISSUER|DEFER_TASKRUN). */
    static Params params(String setup) {
        return switch (setup) {
            case "default" -> Params.defaults();
            case "defer_taskrun" -> Params.builder().deferTaskrun().build();
            default -> throw new IllegalArgumentException("setup must be default or defer_taskrun: " + setup);
        };
    }

    /** Runs one batch: push, submit and wait for all of them, reap; returns the sum of everything reaped so far. */
    long run() {
        LioUring ring = this.ring;
        int n = batch;
        for (int i = 0; i < n; i++) {
            ring.push(nop, i);
        }
        ring.submitAndWait(n);
        int reaped = ring.forEachCompletion(sum);
        if (reaped != n) {
            throw new IllegalStateException("reaped " + reaped + " completions, expected " + n);
        }
        return sum.value;
    }

    /** {@return the sum of the user data and results of everything reaped so far} */
    long sum() {
        return sum.value;
    }
}
