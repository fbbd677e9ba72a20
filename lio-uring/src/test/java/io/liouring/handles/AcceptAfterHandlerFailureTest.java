package io.liouring.handles;

import io.liouring.Completion;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.net.Listener;
import io.liouring.struct.SockAddrIn;
import io.liouring.testing.AsyncNative;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A multishot accept whose handler throws: the request is cancelled and its future fails, and every connection
 * the kernel accepted that nobody will take — the one the handler threw on, and those already on their way — is
 * closed, so no descriptor leaks and every client sees end of stream.
 */
class AcceptAfterHandlerFailureTest {
    @Test
    void connectionsAcceptedAfterTheHandlerThrewAreClosed() throws Exception {
        try (EventLoop loop = EventLoop.open();
             Listener listener = Listener.bind(loop, SockAddrIn.loopback(0))) {
            int port = SocketNative.localPort(listener.fd());
            AtomicInteger handed = new AtomicInteger();
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // Hold the loop so that several accepts complete in one pass.
            loop.runOnLoop(ring -> {
                blocked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            blocked.await();
            IoFuture<Completion> accepting = listener.acceptEach(c -> {
                handed.incrementAndGet();
                throw new IllegalStateException("protocol error");
            });
            new Socket("127.0.0.1", port).close(); // the JDK's socket set-up opens what it keeps open for good
            long fdsBefore = AsyncNative.openFds();
            List<Socket> clients = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                clients.add(new Socket("127.0.0.1", port));
            }
            release.countDown();
            ExecutionException e = assertThrows(ExecutionException.class, () -> accepting.get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            accepting.released().get(10, TimeUnit.SECONDS);
            int ended = 0;
            for (Socket client : clients) {
                client.setSoTimeout(300);
                try (client; InputStream in = client.getInputStream()) {
                    if (in.read() == -1) {
                        ended++;
                    }
                } catch (java.net.SocketTimeoutException stillQueued) {
                    // Not accepted before the cancel took effect: it waits in the backlog, owned by the kernel.
                }
            }
            assertEquals(1, handed.get(), "the handler saw one connection, then no more");
            assertTrue(ended >= 1, "the connection the handler threw on was closed");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (AsyncNative.openFds() != fdsBefore && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(fdsBefore, AsyncNative.openFds(), "no accepted descriptor was left open (" + ended
                    + " of 5 clients were accepted and saw end of stream)");
        }
    }
}
