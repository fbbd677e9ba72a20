package io.liouring.nio.realapp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Interrupts the threads that {@link #join} it, one at a time at random, every {@value #PERIOD_MICROS} µs until
 * {@link #stop}: what an application that cancels work by interrupting does to the threads inside H2.
 */
final class Interrupter implements AutoCloseable {
    private static final long PERIOD_MICROS = 1000;

    private final List<Thread> targets = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long sent;

    /** Starts interrupting (nobody until a thread joins). */
    Interrupter() {
        thread = Thread.ofPlatform().daemon().name("h2-interrupter").start(this::run);
    }

    /** Makes the calling thread a target until {@link #leave}. */
    void join() {
        targets.add(Thread.currentThread());
    }

    /** Stops interrupting the calling thread and clears its interrupt status. */
    void leave() {
        targets.remove(Thread.currentThread());
        Thread.interrupted();
    }

    private void run() {
        while (!stopped) {
            List<Thread> now = List.copyOf(targets);
            if (!now.isEmpty()) {
                now.get(ThreadLocalRandom.current().nextInt(now.size())).interrupt();
                sent++;
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(PERIOD_MICROS));
        }
    }

    /** Stops interrupting and returns how many interrupts were sent. */
    long stop() throws InterruptedException {
        stopped = true;
        thread.join();
        return sent;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
