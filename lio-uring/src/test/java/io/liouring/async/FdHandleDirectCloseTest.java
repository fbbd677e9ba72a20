package io.liouring.async;

import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.SqeFlags;
import io.liouring.UringException;
import io.liouring.operation.Read;
import io.liouring.testing.AsyncNative;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FdHandle#closeDirectlyIfIdle()}: with nothing in flight the descriptor is closed by {@code close(2)} on the
 * caller's thread, without the loop; with a request in flight it is {@link FdHandle#close()}, whose cancel comes
 * first. The effect is seen from the other end of a pipe: once the read end is closed, a write fails with EPIPE.
 */
class FdHandleDirectCloseTest {
    private static final long WAIT_SECONDS = 30;

    @Test
    void withNothingInFlightTheDescriptorIsClosedWithoutTheLoop() throws Exception {
        int[] pipe = AsyncNative.pipe();
        try (EventLoop loop = EventLoop.open()) {
            FdHandle handle = FdHandle.of(loop, pipe[0]);
            CountDownLatch loopHeld = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Boolean> held = loop.runOnLoop(ring -> {
                loopHeld.countDown();
                try {
                    return release.await(WAIT_SECONDS, TimeUnit.SECONDS); // the loop thread can do nothing else
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            assertTrue(loopHeld.await(WAIT_SECONDS, TimeUnit.SECONDS));
            try {
                handle.closeDirectlyIfIdle(); // returns although the loop could not have run a ring close
                assertFalse(handle.isOpen());
                UringException e = assertThrows(UringException.class, () -> AsyncNative.write(pipe[1], new byte[] {1}));
                assertEquals(Errno.EPIPE.number(), e.errnoNumber(), "the read end is closed");
            } finally {
                release.countDown();
            }
            assertTrue(held.get(WAIT_SECONDS, TimeUnit.SECONDS));
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> handle.submitResult(new io.liouring.operation.Nop()).get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(ClosedChannelException.class, refused.getCause());
            handle.closeDirectlyIfIdle(); // again: no effect, no failure
        } finally {
            Fd.close(pipe[1]);
        }
    }

    @Test
    void withARequestInFlightItIsCancelledAndTheDescriptorClosedAfterIt() throws Exception {
        int[] pipe = AsyncNative.pipe();
        try (EventLoop loop = EventLoop.open(); Arena arena = Arena.ofShared()) {
            FdHandle handle = FdHandle.of(loop, pipe[0]);
            IoFuture<Integer> read = handle.submit(new Read(pipe[0], arena.allocate(16)), SqeFlags.NONE, null,
                    ResultMapper.RESULT); // the pipe is empty: it waits
            assertEquals(1, handle.inFlight());
            handle.closeDirectlyIfIdle();
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> read.get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(AsynchronousCloseException.class, failed.getCause());
            read.released().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(0, handle.inFlight());
            UringException e = assertThrows(UringException.class, () -> AsyncNative.write(pipe[1], new byte[] {1}));
            assertEquals(Errno.EPIPE.number(), e.errnoNumber(), "the read end is closed");
        } finally {
            Fd.close(pipe[1]);
        }
    }
}
