package io.liouring.bench.storage;

import io.liouring.bench.harness.ProcessCpuClock;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Runs an in-JVM contender on {@code threads} platform threads over one {@link Window}. Each thread first
 * {@linkplain Contender#prepare prepares} (opens its file, sets up its ring, registers buffers...); the window starts
 * once all are ready, so set-up is never measured (as fio's ramp starts after its set-up). Each thread records the
 * latencies of the reads it counts into its own histogram; the reads counted are the values recorded. The process's
 * CPU time is sampled at the window's start and end, so CPU per read includes everything the JVM spent (JIT, GC,
 * pool threads).
 */
final class InJvmRun {
    /** Latencies from 1 ns to 60 s, 3 significant digits. */
    static final long HIGHEST_NANOS = 60_000_000_000L;

    /** Prepares one thread's reads. */
    @FunctionalInterface
    interface Contender {
        Loop prepare(int thread) throws Exception;
    }

    /** One thread's prepared reads. */
    interface Loop extends AutoCloseable {
        /** Issues reads until {@code window} is over, recording counted latencies; returns once none is in flight. */
        void run(Window window, Histogram latencies) throws Exception;

        @Override
        void close() throws Exception;
    }

    private InJvmRun() {
    }

    static Histogram newHistogram() {
        return new Histogram(HIGHEST_NANOS, 3);
    }

    static ReadResult measure(String name, int threads, int depth, ReadSpec spec, Contender contender) {
        return measure(name, threads, depth, spec, InJvmRun::newHistogram, contender);
    }

    /** As above, each thread's histogram made by {@code newHistogram} (an {@code AtomicHistogram} for a thread pool's use). */
    static ReadResult measure(String name, int threads, int depth, ReadSpec spec, Supplier<Histogram> newHistogram,
                              Contender contender) {
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        Window[] window = new Window[1];
        for (int i = 0; i < threads; i++) {
            Histogram h = newHistogram.get();
            histograms.add(h);
            int thread = i;
            Thread t = new Thread(() -> {
                try (Loop loop = contender.prepare(thread)) {
                    ready.countDown();
                    go.await();
                    loop.run(window[0], h);
                } catch (Throwable e) {
                    ready.countDown();
                    synchronized (failure) {
                        if (failure[0] == null) {
                            failure[0] = e;
                        } else {
                            failure[0].addSuppressed(e);
                        }
                    }
                }
            }, name + "-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        uninterruptibly(ready::await);
        window[0] = Window.startingNow(spec);
        go.countDown();
        sleepUntil(window[0].warmEnd());
        long cpuStart = ProcessCpuClock.nanos();
        sleepUntil(window[0].end());
        long cpuEnd = ProcessCpuClock.nanos();
        for (Thread t : workers) {
            uninterruptibly(t::join);
        }
        if (failure[0] != null) {
            throw new IllegalStateException(name + " failed: " + failure[0], failure[0]);
        }
        Histogram all = newHistogram();
        histograms.forEach(all::add);
        if (all.getTotalCount() == 0) {
            throw new IllegalStateException(name + " completed no read in the measured window");
        }
        return new ReadResult(name, threads, depth, all.getTotalCount(), window[0].seconds(),
                all.getValueAtPercentile(50), all.getValueAtPercentile(99), (cpuEnd - cpuStart) / 1e9);
    }

    static void sleepUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    /** A wait that an interrupt may cut short. */
    @FunctionalInterface
    private interface Wait {
        void await() throws InterruptedException;
    }

    /** Waits until {@code wait} returns, however often interrupted; then keeps the interrupt status. */
    private static void uninterruptibly(Wait wait) {
        boolean interrupted = false;
        while (true) {
            try {
                wait.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
