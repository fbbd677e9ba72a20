package io.liouring.review;

import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.net.Connection;
import io.liouring.net.Listener;
import io.liouring.struct.SockAddrIn;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * BUG: an interrupted {@code IoFuture.await()} cancels and then waits, uninterruptibly, for {@code released().join()}.
 * released() is documented never to complete for a request the loop abandoned at close. A thread interrupted while
 * its request cannot be released promptly (here a zero-copy send waiting for its notification) therefore hangs
 * forever once the loop is closed: not even a second interrupt frees it.
 */
class InterruptedAwaitHangsForeverAfterAbandonTest {
    @Test
    void anInterruptedBlockingCallReturnsOnceTheLoopHasClosed() throws Exception {
        EventLoop loop = EventLoop.builder().closeGrace(Duration.ofMillis(200)).build();
        Arena arena = Arena.ofShared();
        Listener listener = Listener.bind(loop, SockAddrIn.loopback(0));
        listener.setReceiveBufferSize(4096);
        int port = ((SockAddrIn) listener.localAddress()).port();
        IoFuture<Connection> accepted = listener.acceptAsync();
        Connection client = Connection.connect(loop, SockAddrIn.loopback(port));
        Connection server = accepted.get(5, TimeUnit.SECONDS);
        client.setSendBufferSize(1 << 20);
        client.writeAsync(arena.allocate(128 << 10)).get(5, TimeUnit.SECONDS);
        Thread.sleep(100);

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
        try {
            outcome.get(3, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            StackTraceElement[] where = sender.getStackTrace();
            fail("the interrupted sender is still parked 3 s after the loop closed, in "
                    + java.util.Arrays.toString(java.util.Arrays.copyOf(where, Math.min(8, where.length))));
        } finally {
            client.close();
            server.close();
        }
    }
}
