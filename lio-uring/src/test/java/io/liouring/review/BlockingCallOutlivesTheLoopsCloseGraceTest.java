package io.liouring.review;

import io.liouring.async.EventLoop;
import io.liouring.testing.StalledPeer;
import io.liouring.net.Connection;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Found in review and fixed; what used to happen: when {@code EventLoop.close()} stopped waiting for a request after the close grace,
 * it failed the request's future, so a blocking {@code writeZeroCopy} threw while the kernel still read the caller's
 * buffer; the caller freed it, the memory was reused, and the peer received what was written there afterwards.
 *
 * <p>Now a blocking call returns only once the kernel is done with its buffer: the loop thread goes on reaping in the
 * background after the grace, and the call returns (here when the peer reads and the notification comes).
 */
class BlockingCallOutlivesTheLoopsCloseGraceTest {
    @Test
    void aBlockingZeroCopySendReturnsOnlyOnceTheKernelIsDoneWithItsBuffer() throws Exception {
        EventLoop loop = EventLoop.builder().closeGrace(Duration.ofMillis(200)).build();
        Arena shared = Arena.ofShared();
        StalledPeer peer = new StalledPeer(loop, shared);
        Connection client = peer.client;

        int size = 4096;
        CompletableFuture<String> caller = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            Arena arena = Arena.ofShared();
            MemorySegment buffer = arena.allocate(size, 4096);
            buffer.fill((byte) 'A');
            String outcome;
            try {
                client.writeZeroCopy(buffer);
                outcome = "returned normally";
            } catch (IOException e) {
                outcome = "threw " + e;
            }
            arena.close(); // the call is over: the caller frees its buffer
            Arena again = Arena.ofShared();
            again.allocate(size, 4096).fill((byte) 'S'); // someone else's secret, maybe in the same memory
            caller.complete(outcome);
        });
        Thread.sleep(300);
        loop.close(); // gives up waiting for the pending notification after 200 ms
        Thread.sleep(300);
        assertFalse(caller.isDone(), "the send must not return while the kernel still holds its buffer: "
                + caller.getNow(null));

        byte[] got = SocketNative.readExactly(peer.serverFd, StalledPeer.FILL + size, Duration.ofSeconds(10)); // the peer reads
        String outcome = caller.get(10, TimeUnit.SECONDS);
        assertTrue(got[got.length - 1] == 'A', "the peer got the caller's bytes, not what was written into freed"
                + " memory (" + outcome + ")");
        if (!outcome.equals("returned normally") && !outcome.contains("AsynchronousCloseException")) {
            fail("a send given up on by the closing loop fails with AsynchronousCloseException: " + outcome);
        }
        peer.close();
        shared.close();
    }
}
