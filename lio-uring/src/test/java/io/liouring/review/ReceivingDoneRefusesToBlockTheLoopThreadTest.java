package io.liouring.review;

import io.liouring.AddressFamily;
import io.liouring.Fd;
import io.liouring.SocketType;
import io.liouring.async.EventLoop;
import io.liouring.buffer.BufferRing;
import io.liouring.net.Connection;
import io.liouring.net.Receiving;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Found in review and fixed; what used to happen: {@code Receiving.done()} is a plain {@code CompletableFuture} (Receiving.java: {@code new CompletableFuture<>()},
 * {@code done.copy()}), not a loop future. Waiting for it on the loop thread ({@code get}/{@code join} in a callback)
 * is not refused with IllegalStateException as DESIGN.md "Threads" requires: the loop parks forever, every
 * request of the loop hangs.
 */
class ReceivingDoneRefusesToBlockTheLoopThreadTest {
    @Test
    void waitingForDoneOnTheLoopThreadIsRefusedNotADeadlock() throws Exception {
        int[] pair = SocketNative.socketPair(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM | SocketType.SOCK_CLOEXEC);
        try (EventLoop loop = EventLoop.open()) {
            BufferRing buffers = loop.runOnLoop(ring -> ring.registerBufferRing(3, 4, 4096)).get(5, TimeUnit.SECONDS);
            Connection connection = Connection.of(loop, pair[0]);
            Receiving receiving = connection.receiveEach(buffers, segment -> { });
            Thread loopThread = loop.runOnLoop(ring -> Thread.currentThread()).get(5, TimeUnit.SECONDS);
            CompletableFuture<Object> waited = loop.runOnLoop(ring -> {
                try {
                    return receiving.done().get();
                } catch (IllegalStateException e) {
                    return e; // the documented refusal
                } catch (Exception e) {
                    return e;
                }
            });
            try {
                Object outcome = waited.get(2, TimeUnit.SECONDS);
                if (!(outcome instanceof IllegalStateException)) {
                    fail("expected IllegalStateException, got " + outcome);
                }
            } catch (TimeoutException e) {
                loopThread.interrupt(); // unstick the loop so the test can clean up
                fail("Receiving.done().get() on the loop thread parked the loop thread instead of throwing"
                        + " IllegalStateException (the loop was stuck for 2 s)");
            } finally {
                receiving.stop();
                connection.closeAsync().get(5, TimeUnit.SECONDS);
                loop.runOnLoop(ring -> {
                    buffers.close();
                    return null;
                }).get(5, TimeUnit.SECONDS);
            }
        } finally {
            Fd.close(pair[1]);
        }
    }
}
