package io.liouring.bench.alloc;

import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.async.RequestCallback;
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
import java.util.concurrent.locks.LockSupport;

/**
 * P6, the async path: a submitting thread (the JMH worker, a platform thread) hands a reused {@link Nop} to an
 * {@link EventLoop} and waits for its future; the loop thread pushes it, enters the ring, reaps the completion
 * and completes the future.
 * <ul>
 * <li>{@link #call}: {@code loop.callResult(nop)} — one request, submit and blocking wait (what a virtual thread
 * does for every blocking call).</li>
 * <li>{@link #submitBatch}: {@value #BATCH} {@code submitResult(nop)} in a row, then {@code join()} each future —
 * the pipelined form; scores and bytes are per request.</li>
 * <li>{@link #callback}: {@code loop.submitCallback(nop, callback, context)} — one request with a
 * {@link RequestCallback} and no future; the submitting thread parks until the callback has unparked it.</li>
 * <li>{@link #callbackBatch}: {@value #BATCH} {@code submitCallback} in a row, then a park until the last callback;
 * per request.</li>
 * <li>{@link #callbackChain}: one {@code submitCallback} from the submitting thread, then each callback submits the
 * next request from inside the loop's completion pass, {@value #BATCH} in all; per request. What a protocol on
 * the loop thread does (a read's callback submits the next read).</li>
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
    private final Completions completions = new Completions();
    private final Chain chain = new Chain();
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

    @Benchmark
    public long callback() {
        completions.expect(1);
        loop.submitCallback(nop, completions, 1);
        return completions.await();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long callbackBatch() {
        completions.expect(BATCH);
        for (int i = 0; i < BATCH; i++) {
            loop.submitCallback(nop, completions, i);
        }
        return completions.await();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long callbackChain() {
        chain.completions.expect(BATCH);
        loop.submitCallback(nop, chain, 1);
        return chain.completions.await();
    }

    /**
     * Counts completions on the loop thread and unparks the submitting thread when the count it waits for is
     * reached: the wait allocates nothing, as the callbacks do not.
     */
    static final class Completions implements RequestCallback {
        private volatile long completed;
        private volatile long target;
        private volatile Thread waiter;
        private long sum;

        /** Before submitting: the caller will wait for {@code n} more completions. */
        void expect(int n) {
            waiter = Thread.currentThread();
            target = completed + n;
        }

        /** Parks until the expected completions have arrived; returns the sum of their contexts and results. */
        long await() {
            while (completed < target) {
                LockSupport.park(this);
            }
            return sum;
        }

        @Override
        public void completed(long context, int result, int flags) {
            sum += context + result;
            long c = completed + 1;
            completed = c;
            if (c >= target) {
                LockSupport.unpark(waiter);
            }
        }
    }

    /** Submits the next NOP from each completion until {@value #BATCH} have run; the context counts the steps. */
    final class Chain implements RequestCallback {
        final Completions completions = new Completions();

        @Override
        public void completed(long step, int result, int flags) {
            if (step < BATCH) {
                loop.submitCallback(nop, this, step + 1);
            }
            completions.completed(step, result, flags);
        }
    }
}
