package io.liouring.bench;

import io.liouring.CompletionHandler;
import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.operation.Nop;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * P1: NOP throughput of the ring's hot path. One benchmark operation is one batch: push {@code batch}
 * NOPs (one reused {@link Nop}), {@link LioUring#submitAndWait submitAndWait(batch)}, reap the {@code batch}
 * completions with {@link LioUring#forEachCompletion} into an allocation-free handler ({@link NopBatch}): the loop
 * users write, the same as {@link NopLoop} (a plain {@code main} loop) and {@code nop_bench.c} (liburing).
 *
 * <p>The score is <b>batches</b> per second and {@code gc.alloc.rate.norm} is bytes per <b>batch</b>:
 * multiply the score by {@code batch} for NOPs per second, divide the bytes by it for bytes per NOP
 * ({@link P1Runner} does both and sets the C baseline, {@code src/main/c/nop_bench.c}, beside it).
 *
 * <p>Setups: {@code default} ({@link Params#defaults()}) and {@code defer_taskrun}
 * ({@code SINGLE_ISSUER|DEFER_TASKRUN}). The ring has 128 entries for every batch size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 3, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
public class NopBenchmark {
    static final int RING_ENTRIES = 128;

    @Param({"1", "32", "128"})
    public int batch;

    @Param({"default", "defer_taskrun"})
    public String setup;

    private LioUring ring;
    private NopBatch nops;
    private Thread closer;

    /** Adds up user data and results; a field, so the reaping cannot be optimised away. */
    static final class Sum implements CompletionHandler {
        long value;

        @Override
        public void onCompletion(long userData, int result, int flags) {
            value += userData + result;
        }
    }

    @Setup
    public void openRing() {
        Params params = NopBatch.params(setup);
        NopBatch.requireBatch(batch);
        ring = new LioUring(RING_ENTRIES, params);
        nops = new NopBatch(ring, batch);
        closer = new Thread(ring::close, "ring-closer");
    }

    /**
     * Closes the ring on another thread, made in {@link #openRing()} (start/join order it after our use): JMH
     * runs this teardown inside the last measured iteration, and closing a ring allocates, which would be
     * charged to the hot path by the allocation profilers.
     */
    @TearDown
    public void closeRing() throws InterruptedException {
        closer.start();
        closer.join();
    }

    @Benchmark
    public long nopBatch() {
        return nops.run();
    }
}
