package io.liouring.async;

import io.liouring.operation.Nop;
import io.liouring.operation.Read;
import io.liouring.testing.AsyncNative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Waiting on an IoFuture parks without allocating, and every way of completing it wakes the waiter. */
class IoFutureWaitTest {
    private final LoopWithPipe fixture = new LoopWithPipe();
    private final EventLoop loop = fixture.loop();
    private final int[] pipe = fixture.pipe();

    @AfterEach
    void close() {
        fixture.close();
    }

    /** A read that stays in the kernel until the test writes to the pipe. */
    private IoFuture<Integer> pendingRead() {
        return loop.submitResult(new Read(pipe[0], Arena.ofAuto().allocate(16), -1));
    }

    /** Starts {@code wait} on a platform thread, returns once it is parked on the future. */
    private static CompletableFuture<Object> waitingThread(IoFuture<Integer> future, ThrowingSupplier wait)
            throws InterruptedException {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                outcome.complete(wait.get());
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return outcome;
    }

    @FunctionalInterface
    private interface ThrowingSupplier {
        Object get() throws Exception;
    }

    @Test
    void aBlockingCallAllocatesOnlyItsFuture() {
        Nop nop = new Nop();
        for (int i = 0; i < 20_000; i++) { // warm up: compile the submit and wait paths
            loop.callResult(nop);
        }
        int requests = 20_000;
        long before = AsyncNative.threadAllocatedBytes(Thread.currentThread());
        for (int i = 0; i < requests; i++) {
            loop.callResult(nop);
        }
        double perRequest = (AsyncNative.threadAllocatedBytes(Thread.currentThread()) - before) / (double) requests;
        // CompletableFuture's own wait would add a 40-byte node; anything else per request would show too.
        double future = ioFutureBytes(nop);
        assertTrue(future >= 24 && future <= 160, "an IoFuture takes " + future + " bytes");
        assertTrue(perRequest < future + 16, "a blocking call allocated " + perRequest + " bytes: more than its IoFuture ("
                + future + " bytes)");
    }

    /** The heap bytes of one IoFuture (with the JVM's current layout and pointer compression), measured. */
    private static double ioFutureBytes(Nop nop) {
        int n = 20_000;
        IoFuture<?>[] kept = new IoFuture<?>[n]; // they escape: the JIT cannot leave them out
        Request record = new Request(null, 0);
        long before = AsyncNative.threadAllocatedBytes(Thread.currentThread());
        for (int i = 0; i < n; i++) {
            kept[i] = new IoFuture<>(record, nop);
        }
        double bytes = (AsyncNative.threadAllocatedBytes(Thread.currentThread()) - before) / (double) n;
        assertEquals(n, java.util.Arrays.stream(kept).filter(f -> f != null).count());
        return bytes;
    }

    @Test
    void joinWakesWhenTheKernelCompletesTheRequest() throws Exception {
        IoFuture<Integer> read = pendingRead();
        CompletableFuture<Object> outcome = waitingThread(read, read::join);
        AsyncNative.write(pipe[1], new byte[] {1, 2, 3});
        assertEquals(3, outcome.get(5, TimeUnit.SECONDS));
    }

    @Test
    void getWakesWhenTheFutureIsCompletedByHand() throws Exception {
        IoFuture<Integer> read = pendingRead();
        CompletableFuture<Object> outcome = waitingThread(read, read::get);
        read.complete(42);
        assertEquals(42, outcome.get(5, TimeUnit.SECONDS));
        read.cancel(false); // the read itself is still in the kernel
    }

    @Test
    void joinWakesWhenTheFutureIsCompletedAsynchronously() throws Exception {
        IoFuture<Integer> read = pendingRead();
        CompletableFuture<Object> outcome = waitingThread(read, read::join);
        read.completeAsync(() -> 7);
        assertEquals(7, outcome.get(5, TimeUnit.SECONDS));
        read.cancel(false);
    }

    @Test
    void twoThreadsWaitingOnOneFutureBothWake() throws Exception {
        IoFuture<Integer> read = pendingRead();
        CompletableFuture<Object> first = waitingThread(read, read::join);
        CompletableFuture<Object> second = waitingThread(read, read::get);
        AsyncNative.write(pipe[1], new byte[] {9});
        assertEquals(1, first.get(5, TimeUnit.SECONDS));
        assertEquals(1, second.get(5, TimeUnit.SECONDS));
    }

    @Test
    void interruptingGetThrowsInterruptedExceptionAndLeavesTheRequestRunning() throws Exception {
        IoFuture<Integer> read = pendingRead();
        CompletableFuture<Thread> waiter = new CompletableFuture<>();
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().start(() -> {
            waiter.complete(Thread.currentThread());
            try {
                outcome.complete(read.get());
            } catch (InterruptedException | ExecutionException e) {
                outcome.complete(e);
            }
        });
        waiter.get(5, TimeUnit.SECONDS);
        while (t.getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }
        t.interrupt();
        assertInstanceOf(InterruptedException.class, outcome.get(5, TimeUnit.SECONDS));
        AsyncNative.write(pipe[1], new byte[] {5, 6});
        assertEquals(2, read.get(5, TimeUnit.SECONDS), "the read went on after the waiter gave up");
    }
}
