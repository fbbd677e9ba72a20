package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.SqeBytes;
import io.liouring.struct.IoVecArray;
import io.liouring.struct.MsgHdr;
import io.liouring.struct.SockAddrIn6;
import io.liouring.testing.Loopback;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static io.liouring.testing.Roundtrip.PATIENCE;
import static io.liouring.testing.Roundtrip.next;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SEND_ZC and SENDMSG_ZC: a result completion with F_MORE, then the F_NOTIF notification that frees the buffer. */
class ZeroCopySendTest {
    @Test
    void encodesSendZcWithItsFlagsBufferIndexAndDestination() {
        try (var arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(16);
            SqeBytes plain = SqeBytes.encode(new SendZc(3, buffer));
            assertEquals(Opcode.SEND_ZC.code(), plain.opcode());
            assertEquals(3, plain.fd());
            assertEquals(buffer.address(), plain.addr());
            assertEquals(16, plain.len());
            assertEquals(0, plain.ioprio());
            assertEquals(0, plain.bufIndex());

            SockAddrIn6 to = SockAddrIn6.loopback(7);
            SqeBytes full = SqeBytes.encode(new SendZc(3, buffer).fixedBuffer(2).reportUsage().pollFirst().to(to));
            assertEquals(1 | 4 | 8, full.ioprio());
            assertEquals(2, full.bufIndex());
            assertEquals(to.segment().address(), full.off());
            assertEquals(SockAddrIn6.SIZE, full.fileIndex());
            assertThrows(IllegalArgumentException.class, () -> new SendZc(3, buffer).fixedBuffer(65536));
        }
    }

    /** Pushes a zero-copy send and returns its two completions: the result, then the notification. */
    private static Completion[] sendAndCollect(LioUring ring, Operation op, long userData) {
        ring.push(op, userData);
        ring.submit();
        Completion result = next(ring);
        Completion notification = next(ring);
        return new Completion[] {result, notification};
    }

    private static void assertResultThenNotification(Completion[] cqes, long userData, int bytes) {
        Completion result = cqes[0];
        Completion notification = cqes[1];
        assertEquals(userData, result.userData());
        assertEquals(bytes, result.result());
        assertTrue(result.hasMore(), "the result announces the notification: " + result);
        assertFalse(result.isNotification());
        assertEquals(userData, notification.userData());
        assertTrue(notification.isNotification(), "F_NOTIF: " + notification);
        assertFalse(notification.hasMore(), "nothing follows the notification");
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void sendZcPostsTheResultThenTheNotificationAfterWhichTheBufferCanBeReused(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, ip); var arena = Arena.ofConfined()) {
            MemorySegment buffer = Loopback.bytes(arena, "zero-copy #1");
            SendZc send = new SendZc(tcp.client(), buffer);
            assertResultThenNotification(sendAndCollect(ring, send, 21), 21, 12);
            assertEquals("zero-copy #1", Loopback.text(SocketNative.readExactly(tcp.server(), 12, PATIENCE)));

            buffer.set(JAVA_BYTE, 11, (byte) '2'); // only now, after F_NOTIF, is the buffer ours again
            assertResultThenNotification(sendAndCollect(ring, send, 22), 22, 12);
            assertEquals("zero-copy #2", Loopback.text(SocketNative.readExactly(tcp.server(), 12, PATIENCE)));
        }
    }

    @Test
    void sendZcFromARegisteredBufferWithUsageReport() {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, Loopback.Ip.V4); var arena = Arena.ofConfined()) {
            MemorySegment registered = Loopback.bytes(arena, "registered and zero-copy");
            ring.registerBuffers(registered);
            SendZc send = new SendZc(tcp.client(), registered.asSlice(11)).fixedBuffer(0).reportUsage();
            Completion[] cqes = sendAndCollect(ring, send, 23);
            assertResultThenNotification(cqes, 23, 13);
            int usage = cqes[1].result() & ~SendZc.NOTIF_USAGE_ZC_COPIED;
            assertEquals(0, usage, "the notification's result carries only the copied bit: " + cqes[1]);
            assertEquals("and zero-copy", Loopback.text(SocketNative.readExactly(tcp.server(), 13, PATIENCE)));
        }
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void sendZcToAnAddressDeliversTheDatagram(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var arena = Arena.ofConfined()) {
            int receiver = Loopback.boundUdp(ring, ip);
            int sender = Loopback.boundUdp(ring, ip);
            try {
                SendZc send = new SendZc(sender, Loopback.bytes(arena, "zc datagram"))
                        .to(ip.loopback(SocketNative.localPort(receiver)));
                assertResultThenNotification(sendAndCollect(ring, send, 24), 24, 11);
                assertEquals("zc datagram", Loopback.text(SocketNative.readSome(receiver, 64, PATIENCE)));
            } finally {
                Fd.close(sender);
                Fd.close(receiver);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void sendMsgZcPostsTheResultThenTheNotification(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, ip); var arena = Arena.ofConfined()) {
            MsgHdr msg = MsgHdr.of(arena, IoVecArray.of(arena, Loopback.bytes(arena, "zero-"), Loopback.bytes(arena, "copy msg")));
            assertResultThenNotification(sendAndCollect(ring, new SendMsgZc(tcp.client(), msg), 25), 25, 13);
            assertEquals("zero-copy msg", Loopback.text(SocketNative.readExactly(tcp.server(), 13, PATIENCE)));
        }
    }
}
