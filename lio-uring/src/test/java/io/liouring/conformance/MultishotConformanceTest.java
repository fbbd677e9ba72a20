package io.liouring.conformance;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.ShutdownHow;
import io.liouring.buffer.BufferRing;
import io.liouring.operation.Accept;
import io.liouring.operation.AcceptMulti;
import io.liouring.operation.AsyncCancel;
import io.liouring.operation.RecvMulti;
import io.liouring.operation.Shutdown;
import io.liouring.testing.Loopback;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Map;

import static io.liouring.testing.Roundtrip.assertNothingWithin;
import static io.liouring.testing.Roundtrip.byUserData;
import static io.liouring.testing.Roundtrip.next;
import static io.liouring.testing.Roundtrip.run;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Multishot accept and receive: one completion with MORE per connection or arrival, and exactly one last
 * completion without MORE that says why it ended (end of stream, no buffers left, cancelled). What arrives after
 * the end stays in the socket for the next request: nothing is lost.
 */
class MultishotConformanceTest {
    private static final Duration QUIET = Duration.ofMillis(50);

    @Test
    void aCancelledMultishotAcceptEndsWithoutMoreAndLaterConnectionsWaitInTheBacklog() {
        try (var ring = new LioUring(8); var clientRing = new LioUring(8)) {
            int listener = Loopback.listener(ring, Loopback.Ip.V4);
            int first = Loopback.connect(clientRing, Loopback.Ip.V4, listener);
            int late = -1;
            try {
                ring.push(new AcceptMulti(listener), 1);
                Completion accepted = next(ring);
                assertTrue(accepted.hasMore(), "armed: " + accepted);
                Fd.close(accepted.resultOrThrow());

                ring.push(AsyncCancel.byUserData(1), 2);
                Map<Long, Completion> done = byUserData(ring, 2);
                assertEquals(0, done.get(2L).result());
                assertEquals(Errno.ECANCELED, done.get(1L).errno());
                assertFalse(done.get(1L).hasMore(), "the last completion of the request");

                late = Loopback.connect(clientRing, Loopback.Ip.V4, listener);
                assertNothingWithin(ring, QUIET);
                int server = run(ring, new Accept(listener)).resultOrThrow();
                Fd.close(server); // the connection made after the cancel was left for a plain accept
            } finally {
                Fd.close(first);
                if (late >= 0) {
                    Fd.close(late);
                }
                Fd.close(listener);
            }
        }
    }

    @Test
    void aCancelledMultishotRecvEndsWithoutMoreAndLeavesLaterBytesInTheSocket() {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, Loopback.Ip.V4);
             var buffers = BufferRing.register(ring, 1, 4, 64)) {
            ring.push(new RecvMulti(tcp.server(), 1), 1);
            SocketNative.write(tcp.client(), Loopback.utf8("before"));
            Completion c = next(ring);
            assertTrue(c.hasMore());
            assertEquals("before", Loopback.text(buffers.take(c).data()));

            ring.push(AsyncCancel.byUserData(1), 2);
            Map<Long, Completion> done = byUserData(ring, 2);
            assertEquals(Errno.ECANCELED, done.get(1L).errno());
            assertFalse(done.get(1L).hasMore());

            SocketNative.write(tcp.client(), Loopback.utf8("after"));
            assertNothingWithin(ring, QUIET);
            assertEquals("after", Loopback.text(SocketNative.readSome(tcp.server(), 64, Duration.ofSeconds(5))));
        }
    }

    @Test
    void aMultishotRecvThatExhaustsTheRingEndsWithEnobufsAndARearmAfterRecycleLosesNothing() {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, Loopback.Ip.V4);
             var buffers = BufferRing.register(ring, 1, 2, 8)) {
            byte[] sent = Loopback.utf8("0123456789abcdefghijklmnopqrstuv"); // 32 bytes, the ring holds 16
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            SocketNative.write(tcp.client(), sent);
            int rearms = 0;
            while (received.size() < sent.length) {
                ring.push(new RecvMulti(tcp.server(), 1), 1);
                Completion c;
                do {
                    c = next(ring);
                    if (c.result() > 0) {
                        BufferRing.Buffer b = buffers.take(c);
                        received.writeBytes(b.data().toArray(JAVA_BYTE));
                    }
                } while (c.hasMore() && received.size() < sent.length);
                if (received.size() < sent.length) {
                    assertEquals(Errno.ENOBUFS, c.errno(), "ends when the ring runs dry: " + c);
                    assertFalse(c.hasMore());
                    rearms++;
                }
                for (int id = 0; id < buffers.count(); id++) {
                    if (!buffers.isWithKernel(id)) {
                        buffers.recycle(id);
                    }
                }
            }
            assertTrue(rearms >= 1, "32 bytes cannot fit in 16 without a recycle");
            assertArrayEquals(sent, received.toByteArray(), "every byte once, in order");
        }
    }

    @Test
    void endOfStreamEndsAMultishotRecvWithZeroAndNoBuffer() {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, Loopback.Ip.V4);
             var buffers = BufferRing.register(ring, 1, 2, 8)) {
            ring.push(new RecvMulti(tcp.server(), 1), 1);
            SocketNative.write(tcp.client(), Loopback.utf8("bye"));
            assertEquals("bye", Loopback.text(buffers.take(next(ring)).data()));
            ring.push(new Shutdown(tcp.client(), ShutdownHow.SHUT_WR), 2);
            Completion end = byUserData(ring, 2).get(1L);
            assertEquals(0, end.result());
            assertFalse(end.hasMore());
            assertTrue(end.bufferId().isEmpty(), "end of stream uses no buffer: " + end);
            assertEquals(1, buffers.available(), "only the buffer with the data was consumed");
        }
    }
}
