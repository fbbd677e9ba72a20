package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.ShutdownHow;
import io.liouring.SqeBytes;
import io.liouring.SqeFlags;
import io.liouring.buffer.BufferRing;
import io.liouring.testing.Loopback;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.liouring.testing.Roundtrip.next;
import static io.liouring.testing.Roundtrip.nextFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecvMultiTest {
    @Test
    void encodesMultishotBufferSelectAndTheGroup() {
        SqeBytes sqe = SqeBytes.encode(new RecvMulti(4, 9), SqeFlags.IO_LINK, 1);
        assertEquals(Opcode.RECV.code(), sqe.opcode());
        assertEquals(4, sqe.fd());
        assertEquals(0, sqe.addr());
        assertEquals(0, sqe.len());
        assertEquals(2, sqe.ioprio());
        assertEquals(9, sqe.bufIndex());
        assertEquals(SqeFlags.BUFFER_SELECT.bits() | SqeFlags.IO_LINK.bits(), sqe.flags(),
                "the caller's flags are added to BUFFER_SELECT");
        assertEquals(3, SqeBytes.encode(new RecvMulti(4, 9).pollFirst()).ioprio());
        assertEquals(100, SqeBytes.encode(new RecvMulti(4, 9).length(100)).len());
    }

    @Test
    void refusesAGroupOutsideSixteenBits() {
        assertThrows(IllegalArgumentException.class, () -> new RecvMulti(4, 65536));
        assertThrows(IllegalArgumentException.class, () -> new RecvMulti(4, 1).length(-1));
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void postsOneCompletionPerArrivalIntoSelectedBuffersUntilEndOfStream(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, ip);
             var buffers = BufferRing.register(ring, 1, 4, 64)) {
            ring.push(new RecvMulti(tcp.server(), 1), 5);
            ring.submit();
            for (String message : new String[] {"first", "second", "third"}) {
                SocketNative.write(tcp.client(), Loopback.utf8(message));
                Completion c = next(ring);
                assertEquals(5, c.userData());
                assertTrue(c.hasMore(), "still armed: " + c);
                BufferRing.Buffer b = buffers.take(c);
                assertEquals(message, Loopback.text(b.data()));
                buffers.recycle(b);
            }
            ring.push(new Shutdown(tcp.client(), ShutdownHow.SHUT_WR), 6);
            ring.submit();
            Completion end = nextFor(ring, 5);
            assertEquals(0, end.result(), "end of stream");
            assertFalse(end.hasMore(), "the request ends with the stream");
        }
    }

    @Test
    void endsWithEnobufsWhenTheGroupRunsDry() {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, Loopback.Ip.V4);
             var buffers = BufferRing.register(ring, 2, 1, 64)) {
            ring.push(new RecvMulti(tcp.server(), 2), 5);
            ring.submit();
            SocketNative.write(tcp.client(), Loopback.utf8("a"));
            Completion first = next(ring);
            assertTrue(first.hasMore());
            buffers.take(first);
            SocketNative.write(tcp.client(), Loopback.utf8("b"));
            Completion dry = next(ring);
            assertEquals(Errno.ENOBUFS, dry.errno());
            assertFalse(dry.hasMore());
        }
    }
}
