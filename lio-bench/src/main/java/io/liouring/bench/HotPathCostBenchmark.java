package io.liouring.bench;

import io.liouring.LioUring;
import io.liouring.operation.Nop;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The user-space share of P1, without the system call: the time to push {@value #N} NOPs ({@link #push}) and to
 * reap {@value #N} completions ({@link #reap}); microseconds per invocation are nanoseconds per NOP. The kernel's
 * part (submitting, completing) happens in per-invocation fixtures outside the measured time. Its C counterpart
 * is {@code src/main/c/hot_path_cost.c}. Sampled per invocation: read the median ({@code p0.50}), which hardly
 * moves when other processes share the CPU, so it shows the effect of a change to the ring's hot path even on a
 * busy machine.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
public class HotPathCostBenchmark {
    /** Operations per invocation: 1000, so that microseconds per invocation read as nanoseconds per operation. */
    static final int N = 1000;
    static final int RING_ENTRIES = 1024;

    /** A ring of {@value #RING_ENTRIES} entries, and its closing on another thread (see {@link NopBenchmark#closeRing()}). */
    @State(Scope.Thread)
    public static class Ring {
        final Nop nop = new Nop();
        final NopBenchmark.Sum sum = new NopBenchmark.Sum();
        LioUring ring;
        Thread closer;

        @Setup(Level.Trial)
        public void open() {
            ring = new LioUring(RING_ENTRIES);
            closer = new Thread(ring::close, "ring-closer");
        }

        @TearDown(Level.Trial)
        public void close() throws InterruptedException {
            closer.start();
            closer.join();
        }

        void pushAll() {
            for (int i = 0; i < N; i++) {
                ring.push(nop, i);
            }
        }

        void reapAll() {
            int reaped = ring.forEachCompletion(sum);
            if (reaped != N) {
                throw new IllegalStateException("reaped " + reaped + " completions, expected " + N);
            }
        }
    }

    /** Before each {@link #push}: the queue is empty (the previous invocation's entries submitted and reaped). */
    @State(Scope.Thread)
    public static class EmptyQueue extends Ring {
        @Setup(Level.Invocation)
        public void drain() {
            if (ring.sqSpaceLeft() < RING_ENTRIES) {
                ring.submit();
                reapAll();
            }
        }
    }

    /** Before each {@link #reap}: {@value #N} NOPs pushed, submitted and completed. */
    @State(Scope.Thread)
    public static class FullCompletionQueue extends Ring {
        @Setup(Level.Invocation)
        public void fill() {
            pushAll();
            ring.submit();
        }
    }

    @Benchmark
    public void push(EmptyQueue q) {
        q.pushAll();
    }

    @Benchmark
    public long reap(FullCompletionQueue q) {
        q.reapAll();
        return q.sum.value;
    }
}
