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

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Found in review and fixed; what used to happen: {@code Receiving} re-arms its multishot receive after ENOBUFS from inside the completion handler, i.e. on
 * the loop thread BEFORE the ending request is released (Requests.onCompletion calls the handler before finish()).
 * The re-arm needs a second admission permit while the first is still held; on the loop thread Admission.admit throws
 * RejectedExecutionException instead of waiting, the handler "fails", and the whole stream ends with that exception.
 * Any loop at its maxRequests bound kills its receiveEach streams this way; maxRequests(1) makes it deterministic.
 */
class ReceivingRearmsAtTheAdmissionBoundTest {
    @Test
    void aStreamOutlivingItsBufferRingIsReArmedEvenAtTheBound() throws Exception {
        int[] pair = SocketNative.socketPair(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM | SocketType.SOCK_CLOEXEC);
        try (EventLoop loop = EventLoop.builder().maxRequests(1).build()) {
            BufferRing buffers = loop.runOnLoop(ring -> ring.registerBufferRing(5, 2, 64)).get(5, TimeUnit.SECONDS);
            Connection connection = Connection.of(loop, pair[0]);
            AtomicLong seen = new AtomicLong();
            Receiving receiving = connection.receiveEach(buffers, segment -> seen.addAndGet(segment.byteSize()));
            while (loop.inFlight() < 1) {
                Thread.sleep(1);
            }
            SocketNative.write(pair[1], new byte[4096]); // far more than 2 x 64 bytes: ENOBUFS, then a re-arm
            Fd.close(pair[1]);
            pair[1] = -1;
            try {
                assertEquals(4096L, receiving.done().get(5, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                fail("the receive stream died at its re-arm after " + seen.get() + " bytes: " + e.getCause());
            } finally {
                connection.close();
                loop.runOnLoop(ring -> {
                    buffers.close();
                    return null;
                }).get(5, TimeUnit.SECONDS);
            }
        } finally {
            if (pair[1] >= 0) {
                Fd.close(pair[1]);
            }
        }
    }
}
