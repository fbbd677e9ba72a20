package io.liouring.async;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.UringException;
import io.liouring.operation.Nop;
import io.liouring.operation.Read;
import io.liouring.operation.Timeout;
import io.liouring.operation.Write;
import io.liouring.testing.AsyncNative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.liouring.OpenFlags.O_CREAT;
import static io.liouring.OpenFlags.O_WRONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cancelling futures cancels requests in the kernel; per-request timeouts; multishot streams. */
class CancelAndTimeoutTest {
    private final LoopWithPipe fixture = new LoopWithPipe();
    private final EventLoop loop = fixture.loop();
    private final int[] pipe = fixture.pipe();

    @AfterEach
    void close() {
        fixture.close();
    }

    private Read readOfEmptyPipe() {
        return new Read(pipe[0], Arena.ofAuto().allocate(16), -1);
    }

    private void awaitInFlight(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (loop.inFlight() < n && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertEquals(n, loop.inFlight(), "requests in the kernel");
    }

    @Test
    void cancellingAFutureCancelsTheRequestInTheKernel() throws Exception {
        IoFuture<Completion> read = loop.submit(readOfEmptyPipe());
        awaitInFlight(1);

        assertTrue(read.cancel(true));
        assertTrue(read.isCancelled());
        Completion kernel = read.released().get(5, TimeUnit.SECONDS);
        assertEquals(Errno.ECANCELED, kernel.errno(), "the kernel's own completion of the read");
        assertEquals(0, loop.inFlight());

        // The pipe is intact and the loop goes on: a new read gets the next bytes.
        AsyncNative.write(pipe[1], new byte[] {7});
        assertEquals(1, loop.submitResult(readOfEmptyPipe()).get(5, TimeUnit.SECONDS));
    }

    @Test
    void aRequestCancelledBeforeSubmissionNeverReachesTheKernel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("untouched");
        int fd = Fd.open(file, O_CREAT | O_WRONLY, 0644);
        try {
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            loop.runOnLoop(ring -> {
                blocked.countDown();
                awaitQuietly(release);
                return null;
            });
            assertTrue(blocked.await(5, TimeUnit.SECONDS), "the loop runs the blocking task");
            IoFuture<Integer> write = loop.submitResult(new Write(fd, Arena.ofAuto().allocateFrom("never"), 0));
            assertTrue(write.cancel(false));
            release.countDown();

            assertNull(write.released().get(5, TimeUnit.SECONDS), "released without a kernel completion");
            assertEquals(0, loop.callResult(new Nop()));
            assertEquals(0, Files.size(file), "the cancelled write never ran");
        } finally {
            Fd.close(fd);
        }
    }

    @Test
    void cancellingACompletedFutureDoesNothing() throws Exception {
        IoFuture<Integer> nop = loop.submitResult(new Nop());
        assertEquals(0, nop.get(5, TimeUnit.SECONDS));
        assertFalse(nop.cancel(true));
        assertEquals(0, nop.released().get(5, TimeUnit.SECONDS).result());
    }

    @Test
    void cancelRacingCompletionCompletesEveryFutureExactlyOnceAndReleasesEveryRequest() throws Exception {
        int n = 2000;
        List<IoFuture<Integer>> futures = new ArrayList<>(n);
        AtomicInteger outcomes = new AtomicInteger();
        for (int i = 0; i < n; i++) {
            IoFuture<Integer> f = loop.submitResult(new Nop().injectResult(i));
            f.whenComplete((v, e) -> outcomes.incrementAndGet());
            futures.add(f);
            if (i % 2 == 0) {
                f.cancel(false); // races the kernel completing the nop
            }
        }
        for (int i = 0; i < n; i++) {
            IoFuture<Integer> f = futures.get(i);
            Completion released = f.released().get(5, TimeUnit.SECONDS);
            if (f.isCancelled()) {
                assertTrue(released == null || released.result() == i, "a nop cannot be cancelled once it ran");
            } else {
                assertEquals(i, f.get());
            }
        }
        assertEquals(n, outcomes.get());
        assertEquals(0, loop.inFlight());
    }

    @Test
    void aTimedOutRequestCompletesWithEtime() throws Exception {
        Completion c = loop.submit(readOfEmptyPipe(), Duration.ofMillis(50)).get(5, TimeUnit.SECONDS);
        assertEquals(Errno.ETIME, c.errno());

        IoFuture<Integer> timed = loop.submitResult(readOfEmptyPipe(), Duration.ofMillis(50));
        ExecutionException e = assertThrows(ExecutionException.class, () -> timed.get(5, TimeUnit.SECONDS));
        assertEquals(Errno.ETIME, ((UringException) e.getCause()).errno());
        assertEquals(Errno.ECANCELED, timed.released().get(5, TimeUnit.SECONDS).errno(),
                "the kernel cancelled the read when its linked timeout fired");
        assertEquals(0, loop.inFlight());
    }

    @Test
    void aBlockingCallWithATimeoutThrowsEtime() {
        UringException e = assertThrows(UringException.class, () -> loop.callResult(readOfEmptyPipe(), Duration.ofMillis(30)));
        assertEquals(Errno.ETIME, e.errno());
    }

    @Test
    void aRequestThatBeatsItsTimeoutKeepsItsResult() throws Exception {
        AsyncNative.write(pipe[1], new byte[] {1, 2, 3});
        assertEquals(3, loop.submitResult(readOfEmptyPipe(), Duration.ofSeconds(30)).get(5, TimeUnit.SECONDS));
        assertEquals(42, loop.callResult(new Nop().injectResult(42), Duration.ofSeconds(30)));
        assertEquals(0, loop.inFlight(), "both completions (request and its timeout) were reaped");
    }

    @Test
    void timeoutsRacingCompletionsLoseNoData() throws Exception {
        int bytes = 1000;
        Thread writer = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < bytes; i += 10) {
                AsyncNative.write(pipe[1], new byte[10]);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        AtomicInteger read = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        AtomicInteger unexpected = new AtomicInteger();
        AtomicInteger outcomes = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            readers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 300; i++) {
                    Completion c = loop.call(new Read(pipe[0], Arena.ofAuto().allocate(3), -1), Duration.ofNanos(500_000));
                    outcomes.incrementAndGet();
                    if (c.result() > 0) {
                        read.addAndGet(c.result());
                    } else if (c.errno() == Errno.ETIME) {
                        timedOut.incrementAndGet();
                    } else {
                        unexpected.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : readers) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        writer.join();
        int drained = 0;
        for (Completion c; (c = loop.call(new Read(pipe[0], Arena.ofAuto().allocate(64), -1), Duration.ofMillis(50))).result() > 0; ) {
            drained += c.result();
        }
        assertEquals(bytes, read.get() + drained, "a read cut short by its timeout took no bytes with it");
        assertEquals(0, unexpected.get(), "every timed read either read bytes or timed out");
        assertEquals(4 * 300, outcomes.get(), "every timed read came back");
        assertTrue(timedOut.get() > 0, "some timeouts fired");
        assertEquals(0, loop.inFlight());
    }

    @Test
    void aMultishotRequestDeliversEveryCompletionToItsHandler() throws Exception {
        List<Completion> seen = new ArrayList<>();
        IoFuture<Completion> ticks = loop.submitMultishot(new Timeout(Duration.ofMillis(10)).multishot().count(3),
                (userData, result, flags) -> seen.add(new Completion(userData, result, flags)));
        Completion last = ticks.get(5, TimeUnit.SECONDS);
        assertEquals(3, seen.size());
        assertTrue(seen.get(0).hasMore() && seen.get(1).hasMore() && !seen.get(2).hasMore());
        assertEquals(seen.get(2), last);
        seen.forEach(c -> assertEquals(Errno.ETIME, c.errno()));
    }

    @Test
    void cancellingAMultishotRequestStopsItInTheKernel() throws Exception {
        AtomicInteger ticks = new AtomicInteger();
        CountDownLatch twoTicks = new CountDownLatch(2);
        IoFuture<Completion> forever = loop.submitMultishot(new Timeout(Duration.ofMillis(5)).multishot(),
                (userData, result, flags) -> {
                    ticks.incrementAndGet();
                    twoTicks.countDown();
                });
        assertTrue(twoTicks.await(5, TimeUnit.SECONDS));
        assertTrue(forever.cancel(false));
        Completion last = forever.released().get(5, TimeUnit.SECONDS);
        assertEquals(Errno.ECANCELED, last.errno());
        assertFalse(last.hasMore());
        int after = ticks.get();
        Thread.sleep(50);
        assertEquals(after, ticks.get(), "no completions after the final one");
    }

    @Test
    void aThrowingHandlerFailsTheFutureAndStopsTheRequest() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        IoFuture<Completion> stream = loop.submitMultishot(new Timeout(Duration.ofMillis(5)).multishot(),
                (userData, result, flags) -> {
                    throw boom;
                });
        ExecutionException e = assertThrows(ExecutionException.class, () -> stream.get(5, TimeUnit.SECONDS));
        assertEquals(boom, e.getCause());
        assertEquals(Errno.ECANCELED, stream.released().get(5, TimeUnit.SECONDS).errno());
    }

    @Test
    void interruptingABlockedVirtualThreadCancelsItsRequest() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        CompletableFuture<Boolean> interruptFlag = new CompletableFuture<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                loop.callResult(readOfEmptyPipe());
                outcome.complete(null);
            } catch (Throwable t) {
                interruptFlag.complete(Thread.currentThread().isInterrupted());
                outcome.complete(t);
            }
        });
        awaitInFlight(1);
        reader.interrupt();
        assertTrue(outcome.get(5, TimeUnit.SECONDS) instanceof CancellationException);
        assertTrue(interruptFlag.get(5, TimeUnit.SECONDS), "the interrupt status is kept");
        assertEquals(0, loop.inFlight(), "the kernel released the read before the call returned");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
