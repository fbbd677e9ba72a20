package io.liouring.stress;

import io.liouring.async.EventLoop;
import io.liouring.stress.Tally.Count;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** The ways a user closes a handle while other threads use it, picked at random: the close side of both races. */
final class RacingClose {
    private RacingClose() {
    }

    /** What the races close: a file or a connection. */
    interface Closable {
        void close() throws IOException;

        CompletableFuture<Void> closeAsync();

        EventLoop loop();

        String name();
    }

    /** A random pause: often none, often well under a millisecond, sometimes tens of milliseconds. */
    static void pause(SplittableRandom random) {
        switch (random.nextInt(4)) {
            case 0 -> Thread.yield();
            case 1 -> LockSupport.parkNanos(random.nextLong(1_000_000));
            case 2 -> LockSupport.parkNanos(random.nextLong(1_000_000, 10_000_000));
            default -> LockSupport.parkNanos(random.nextLong(10_000_000, 40_000_000));
        }
    }

    /**
     * After a random pause, closes {@code target} in one of five ways: blocking; asynchronously; on the loop thread;
     * together with {@code concurrently} closed by another thread (the same handle, or the other end); or while
     * another thread cancels {@code currentRead}.
     */
    static void close(SplittableRandom random, Tally tally, Closable target, Closable concurrently,
                      Supplier<Future<?>> currentRead) throws Exception {
        pause(random);
        tally.add(Count.CLOSES_RACED);
        switch (random.nextInt(5)) {
            case 0 -> target.close();
            case 1 -> target.closeAsync();
            case 2 -> {
                tally.add(Count.LOOP_THREAD_CLOSES);
                target.loop().runOnLoop(ring -> {
                    closeQuietly(tally, target, "close on the loop thread"); // starts the close and returns
                    return null;
                });
            }
            case 3 -> {
                Thread t = Thread.ofVirtual().start(() -> closeQuietly(tally, concurrently, "a concurrent close"));
                target.close();
                t.join();
            }
            default -> {
                Thread t = Thread.ofVirtual().start(() -> {
                    Future<?> r = currentRead.get();
                    if (r != null && r.cancel(false)) {
                        tally.add(Count.CANCELS_RACED);
                    }
                });
                target.close();
                t.join();
            }
        }
    }

    /** Closes {@code handle}; anything it throws is a failure of the race. */
    static void closeQuietly(Tally tally, Closable handle, String what) {
        try {
            handle.close();
        } catch (Throwable t) {
            tally.fail(handle.name() + ": " + what + " threw " + Outcomes.describe(t));
        }
    }
}
