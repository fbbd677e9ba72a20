package io.liouring.review;

import io.liouring.async.EventLoop;
import io.liouring.testing.StalledPeer;
import io.liouring.net.Connection;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Found in review and fixed; what used to happen: an interrupted blocking call cancels its request and waits, uninterruptibly, until the
 * kernel is done with its memory. When the loop gave up on a request at close, that wait never ended. Now the loop
 * thread goes on reaping after the close grace, so the interrupted call returns as soon as the kernel lets go (here
 * when the peer closes and the zero-copy notification comes), and not before.
 */
class InterruptedCallReturnsWhenTheKernelLetsGoTest {
    @Test
    void anInterruptedBlockingCallReturnsOnceTheKernelLetsGoEvenAfterTheLoopClosed() throws Exception {
        EventLoop loop = EventLoop.builder().closeGrace(Duration.ofMillis(200)).build();
        Arena arena = Arena.ofShared();
        StalledPeer peer = new StalledPeer(loop, arena);
        Connection client = peer.client;

        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread sender = Thread.ofPlatform().daemon().start(() -> {
            try {
                outcome.complete(client.writeZeroCopy(arena.allocate(1024)));
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        Thread.sleep(200);
        sender.interrupt();
        Thread.sleep(200);
        loop.close();
        sender.interrupt();
        Thread.sleep(300);
        assertFalse(outcome.isDone(), "the kernel still reads the buffer: the call must not return yet");
        peer.server.close(); // unread data: the connection is reset, the kernel frees the send, the notification comes
        try {
            Object result = outcome.get(5, TimeUnit.SECONDS);
            assertTrue(result instanceof Integer || result instanceof java.io.IOException
                    || result instanceof java.util.concurrent.CancellationException, "outcome: " + result);
        } catch (TimeoutException e) {
            StackTraceElement[] where = sender.getStackTrace();
            fail("the sender is still parked 5 s after the kernel let go, in "
                    + java.util.Arrays.toString(java.util.Arrays.copyOf(where, Math.min(8, where.length))));
        } finally {
            peer.close();
            arena.close();
        }
    }
}
