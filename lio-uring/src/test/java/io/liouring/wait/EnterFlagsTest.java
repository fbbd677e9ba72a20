package io.liouring.wait;

import io.liouring.Feature;
import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.WaitClock;
import io.liouring.operation.Nop;
import io.liouring.operation.Read;
import io.liouring.testing.PipeNative;
import io.liouring.testing.ResourcesNative;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code io_uring_enter(2)} flags of waits: {@code IORING_ENTER_ABS_TIMER}, a signal mask ({@code EXT_ARG}'s
 * {@code sigmask}), {@code IORING_ENTER_SQ_WAIT} and {@code IORING_ENTER_NO_IOWAIT}, each shown by what the kernel
 * does with it.
 */
class EnterFlagsTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @Test
    void anAbsoluteDeadlineIsATimeOnTheWaitClockNotADuration() {
        try (var ring = new LioUring(4)) {
            assumeTrue(ring.hasFeature(Feature.MIN_TIMEOUT), "IORING_ENTER_ABS_TIMER needs Linux 6.12");
            // read as a duration, a deadline of (uptime + 200 ms) would wait for hours: the guard would fail the test
            long start = System.nanoTime();
            long deadline = WaitClock.MONOTONIC.nanoTime() + 200_000_000L;
            boolean ready = assertTimeoutPreemptively(HANG_GUARD, () -> ring.submitAndWaitUntil(1, deadline));
            assertFalse(ready, "nothing was pushed, so the deadline passes first");
            assertTrue(WaitClock.MONOTONIC.nanoTime() >= deadline, "returned at the deadline, not before");
            assertTrue(System.nanoTime() - start >= 150_000_000L, "the wait lasted until the deadline");
        }
    }

    @Test
    void anAbsoluteDeadlineInThePastDoesNotWaitAndACompletionEndsTheWait() {
        try (var ring = new LioUring(4)) {
            assumeTrue(ring.hasFeature(Feature.MIN_TIMEOUT), "IORING_ENTER_ABS_TIMER needs Linux 6.12");
            assertFalse(assertTimeoutPreemptively(HANG_GUARD, () -> ring.submitAndWaitUntil(1, 1L)));
            ring.push(new Nop(), 7);
            long deadline = WaitClock.MONOTONIC.nanoTime() + HANG_GUARD.toNanos();
            assertTrue(ring.submitAndWaitUntil(1, deadline));
            assertEquals(7, next(ring).userData());
        }
    }

    @Test
    void theSignalMaskIsTheThreadsMaskWhileItWaits() throws Exception {
        long sigusr1 = 1L << (10 - 1);
        long sigusr2 = 1L << (12 - 1);
        long mask = sigusr1 | sigusr2;
        try (var ring = new LioUring(4);
             var pipe = PipeNative.pipe();
             var arena = Arena.ofShared()) {
            CompletableFuture<Integer> tid = new CompletableFuture<>();
            CompletableFuture<String> ownMask = new CompletableFuture<>();
            CompletableFuture<Boolean> waited = new CompletableFuture<>();
            CountDownLatch checked = new CountDownLatch(1);
            Thread waiter = Thread.ofPlatform().start(() -> {
                try {
                    tid.complete(ResourcesNative.gettid());
                    ownMask.complete(blockedSignals(Path.of("/proc/thread-self/status")));
                    ring.push(new Read(pipe.readFd(), arena.allocate(8)), 1);
                    waited.complete(ring.submitAndWait(1, HANG_GUARD.toNanos(), mask));
                    checked.await(); // stay alive until the mask after the wait was read
                } catch (Throwable t) {
                    waited.completeExceptionally(t);
                }
            });
            try {
                Path status = Path.of("/proc/self/task/" + tid.get(10, TimeUnit.SECONDS) + "/status");
                String expected = String.format("%016x", mask);
                long giveUp = System.nanoTime() + HANG_GUARD.toNanos();
                String seen;
                do {
                    seen = blockedSignals(status);
                    Thread.onSpinWait();
                } while (!seen.equals(expected) && System.nanoTime() < giveUp);
                assertEquals(expected, seen, "SigBlk of the waiting thread");
                PipeNative.writeFully(pipe.writeFd(), new byte[]{1});
                assertTrue(waited.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS), "the read completed the wait");
                assertEquals(ownMask.get(), blockedSignals(status), "the thread's own mask is back after the wait");
            } finally {
                checked.countDown();
                waiter.join();
            }
            assertEquals(1, next(ring).result());
        }
    }

    private static String blockedSignals(Path status) {
        try {
            return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigBlk:"))
                    .map(l -> l.substring(7).trim()).findFirst().orElseThrow();
        } catch (IOException e) {
            return "gone: " + e;
        }
    }

    @Test
    void aFullSqpollQueueIsWaitedOutUntilTheKernelThreadTakesEntries() {
        try (var ring = new LioUring(4, Params.builder().sqPoll(Duration.ofMillis(1)).build())) {
            int pushed = 0;
            while (ring.tryPush(new Nop(), pushed)) {
                pushed++;
            }
            assertEquals(0, ring.sqSpaceLeft());
            assertTimeoutPreemptively(HANG_GUARD, ring::awaitSqSpace);
            assertTrue(ring.sqSpaceLeft() > 0, "the SQPOLL thread took entries");
            assertEquals(pushed, next(ring, pushed).size());
        }
    }

    @Test
    void withoutSqpollAFullQueueIsTheCallersToSubmit() {
        try (var ring = new LioUring(2)) {
            ring.awaitSqSpace(); // room: returns at once
            ring.push(new Nop(), 1);
            ring.push(new Nop(), 2);
            IllegalStateException e = assertThrows(IllegalStateException.class, ring::awaitSqSpace);
            assertTrue(e.getMessage().contains("submit()"), e.getMessage());
        }
    }

    /**
     * The kernel takes {@code IORING_ENTER_NO_IOWAIT} on every kind of wait (an unknown enter flag fails with EINVAL).
     * Its effect, a waiting thread not counted as in iowait, could not be observed on the 6.18 test machine: delay
     * accounting recorded no block I/O delay for io_uring waits even without the flag, so this test checks that
     * waits keep working with it, and the switch itself.
     */
    @Test
    void waitsWithoutIowaitStillWaitAndWake() {
        try (var ring = new LioUring(4)) {
            assumeTrue(ring.hasFeature(Feature.NO_IOWAIT), "IORING_ENTER_NO_IOWAIT needs Linux 6.15");
            assertTrue(ring.iowait(), "iowait accounting is the kernel's default");
            ring.iowait(false);
            assertFalse(ring.iowait());
            ring.push(new Nop(), 1);
            assertEquals(1, ring.submitAndWait(1));
            assertEquals(1, next(ring).userData());
            assertFalse(ring.submitAndWait(1, 50_000_000L), "a timed wait with the flag times out");
            ring.push(new Nop(), 2);
            assertEquals(2, ring.waitCompletion(Duration.ofSeconds(30)).orElseThrow().userData());
            ring.iowait(true);
            assertTrue(ring.iowait());
            ring.push(new Nop(), 3);
            assertEquals(3, ring.waitCompletion().userData());
        }
    }
}
