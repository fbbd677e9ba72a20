package io.liouring.review;

import io.liouring.async.EventLoop;
import io.liouring.testing.StalledPeer;
import io.liouring.async.IoFuture;
import io.liouring.net.Connection;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Found in review and fixed; what used to happen: FdHandle closes the descriptor only after every request on it has been released, and a zero-copy
 * send is released only by its notification, which comes when the peer has taken the data. A peer that stops
 * reading (zero window) therefore makes {@code Connection.close()} wait forever: the socket can never be closed
 * (nor its buffers freed) while that peer keeps the connection open, so one slow client pins a descriptor and a
 * thread of the server. Cancel-by-fd cannot help: the send itself has completed, only the notification is pending.
 */
class CloseDoesNotWaitForAZeroCopyNotificationTest {
    @Test
    void closeCompletesWhileAZeroCopyNotificationWaitsOnAPeerThatDoesNotRead() throws Exception {
        try (EventLoop loop = EventLoop.open();
             Arena arena = Arena.ofShared();
             StalledPeer peer = new StalledPeer(loop, arena)) { // its server never reads
            Connection client = peer.client;
            Connection server = peer.server;

            MemorySegment zc = arena.allocate(1024);
            IoFuture<Integer> send = client.writeZeroCopyAsync(zc);
            Thread.sleep(500);
            assertFalse(send.isDone(), "precondition: the notification waits for the peer");

            CompletableFuture<Void> closed = client.closeAsync();
            try {
                closed.get(3, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // clean up: let the peer read, which frees the data and lets the close finish
                server.close();
                closed.get(10, TimeUnit.SECONDS);
                fail("Connection.close() did not complete in 3 s: it waits for a zero-copy notification that"
                        + " only a reading peer (or the very close it waits for) can produce; send=" + send);
            }
            server.close();
        }
    }
}
