package io.liouring.review2;

import io.liouring.MsgFlags;
import io.liouring.async.EventLoop;
import io.liouring.testing.StalledPeer;
import io.liouring.operation.SendZc;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Found in the second review and fixed; what used to happen: the fix made IoErrors.await wait for released() before rethrowing, but EventLoop.call/callResult (blocking calls of
 * the async layer) still use IoFuture.await, which throws as soon as the future fails. At the close grace a blocking
 * callResult(SendZc) throws EventLoopClosedException while the kernel still reads the caller's buffer.
 */
class BlockingLoopCallWaitsForTheKernelTest {
    @Test
    void callResultReturnsOnlyOnceTheKernelLetsGoAndKeepsTheResultOfASentSend() throws Exception {
        EventLoop loop = EventLoop.builder().closeGrace(Duration.ofMillis(200)).build();
        Arena arena = Arena.ofShared();
        StalledPeer f = new StalledPeer(loop, arena);
        int fd = f.client.fd();
        MemorySegment buffer = arena.allocate(4096, 4096);
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                outcome.complete("returned " + loop.callResult(new SendZc(fd, buffer).msgFlags(MsgFlags.MSG_NOSIGNAL)));
            } catch (RuntimeException e) {
                outcome.complete("threw " + e);
            }
        });
        Thread.sleep(300);
        loop.close();
        Thread.sleep(500);
        assertTrue(!outcome.isDone(), "callResult returned (" + outcome.getNow(null) + ") while the zero-copy"
                + " notification is still pending: the caller may free a buffer the kernel still reads");
        f.server.close(); // the peer goes: the kernel lets go of the buffer
        String result = outcome.get(5, TimeUnit.SECONDS);
        assertTrue(result.equals("returned 4096"), "the send was sent before the close: its result stands, " + result);
        f.close();
    }
}
