package io.liouring.bench.alloc;

import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.operation.Nop;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * P6, the async path: a submitting thread (the JMH worker, a platform thread) hands a reused {@link Nop} to an
 * {@link EventLoop} and waits for its future; the loop thread pushes it, enters the ring, reaps the completion
 * and completes the future.
 * <ul>
 * <li>{@link #call}: {@code loop.callResult(nop)} — one request, submit and blocking wait (what a virtual thread
 * does for every blocking call).</li>
 * <li>{@link #submitBatch}: {@value #BATCH} {@code submitResult(nop)} in a row, then {@code join()} each future —
 * the pipelined form; scores and bytes are per request.</li>
 * </ul>
 * Allocation: {@code -prof gc} gives the JVM-wide {@code gc.alloc.rate.norm};
 * {@link io.liouring.bench.harness.ThreadCostProfiler} splits it between the submitting thread and the loop thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class AsyncPathBenchmark {
    static final int BATCH = 32;

    private final Nop nop = new Nop();
    @SuppressWarnings("unchecked")
    private final IoFuture<Integer>[] futures = new IoFuture[BATCH];
    private EventLoop loop;

    @Setup(Level.Trial)
    public void open() {
        loop = EventLoop.builder().name("lio-loop-bench").build();
    }

    @TearDown(Level.Trial)
    public void close() {
        loop.close();
    }

    @Benchmark
    public int call() {
        return loop.callResult(nop);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int submitBatch() {
        for (int i = 0; i < BATCH; i++) {
            futures[i] = loop.submitResult(nop);
        }
        int sum = 0;
        for (int i = 0; i < BATCH; i++) {
            sum += futures[i].join();
            futures[i] = null;
        }
        return sum;
    }
}
