package io.liouring.operation;

import io.liouring.DirectFd;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.MsgFlags;
import io.liouring.Opcode;
import io.liouring.SocketType;
import io.liouring.SqeBytes;
import io.liouring.SqeFlags;
import io.liouring.struct.SockAddr;
import io.liouring.struct.SockAddrStorage;
import io.liouring.testing.Loopback;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static io.liouring.testing.Roundtrip.PATIENCE;
import static io.liouring.testing.Roundtrip.run;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcceptTest {
    @Test
    void encodesPeerAddressRoomFlagsAndSlot() {
        SockAddrStorage peer = new SockAddrStorage();
        SqeBytes sqe = SqeBytes.encode(new Accept(3).peerAddress(peer).flags(SocketType.SOCK_NONBLOCK).direct(new DirectFd(5)));
        assertEquals(Opcode.ACCEPT.code(), sqe.opcode());
        assertEquals(3, sqe.fd());
        assertEquals(peer.segment().address(), sqe.addr());
        assertEquals(peer.lengthSegment().address(), sqe.off());
        assertEquals(SocketType.SOCK_NONBLOCK, sqe.opFlags());
        assertEquals(0, sqe.ioprio());
        assertEquals(6, sqe.fileIndex());
        assertEquals(0, sqe.len());
    }

    @Test
    void encodesWithoutPeerAddressAsNulls() {
        SqeBytes sqe = SqeBytes.encode(new Accept(3));
        assertEquals(0, sqe.addr());
        assertEquals(0, sqe.off());
        assertEquals(0, sqe.fileIndex());
    }

    @Test
    void encodesPollFirstAndDontWaitInIoprio() {
        assertEquals(4, SqeBytes.encode(new Accept(3).pollFirst()).ioprio());
        assertEquals(2, SqeBytes.encode(new Accept(3).dontWait()).ioprio());
        assertEquals(0xFFFF_FFFF, SqeBytes.encode(new Accept(3).directAllocate()).fileIndex());
    }

    @Test
    void resetsThePeerLengthOnEveryPush() {
        SockAddrStorage peer = new SockAddrStorage();
        peer.lengthSegment().set(JAVA_INT, 0, 16);
        SqeBytes.encode(new Accept(3).peerAddress(peer));
        assertEquals(SockAddrStorage.SIZE, peer.length());
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void acceptsAConnectionAndReportsThePeerAddress(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var pending = Loopback.pending(ring, ip)) {
            SockAddrStorage peer = new SockAddrStorage();
            int server = run(ring, new Accept(pending.listener()).peerAddress(peer).flags(SocketType.SOCK_CLOEXEC))
                    .resultOrThrow();
            try {
                byte[] clientLocal = SocketNative.localAddress(pending.client());
                assertEquals(SockAddr.parse(MemorySegment.ofArray(clientLocal), clientLocal.length), peer.address());
                assertEquals(clientLocal.length, peer.length());
                SocketNative.write(pending.client(), Loopback.utf8("ping"));
                assertEquals("ping", Loopback.text(SocketNative.readExactly(server, 4, PATIENCE)));
            } finally {
                Fd.close(server);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void acceptsIntoADirectSlotThatReceives(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var arena = Arena.ofConfined(); var pending = Loopback.pending(ring, ip)) {
            ring.registerFilesSparse(4);
            assertEquals(0, run(ring, new Accept(pending.listener()).direct(new DirectFd(1))).result());
            assertReceivesThroughSlot(ring, pending.client(), 1, arena);
        }
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void acceptsIntoASlotTheKernelPicks(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var arena = Arena.ofConfined(); var pending = Loopback.pending(ring, ip)) {
            ring.registerFilesSparse(4);
            int slot = run(ring, new Accept(pending.listener()).directAllocate()).resultOrThrow();
            assertTrue(slot >= 0 && slot < 4, "slot " + slot);
            assertReceivesThroughSlot(ring, pending.client(), slot, arena);
        }
    }

    private static void assertReceivesThroughSlot(LioUring ring, int client, int slot, Arena arena) {
        SocketNative.write(client, Loopback.utf8("direct"));
        MemorySegment buffer = arena.allocate(16);
        int n = run(ring, new Recv(slot, buffer).msgFlags(MsgFlags.MSG_WAITALL).length(6),
                SqeFlags.FIXED_FILE).resultOrThrow();
        assertEquals("direct", Loopback.text(buffer.asSlice(0, n)));
    }

    @Test
    void dontWaitFailsAtOnceWithEagainWhenNoConnectionIsPending() {
        try (var ring = new LioUring(8)) {
            int listener = Loopback.listener(ring, Loopback.Ip.V4);
            try {
                assertEquals(Errno.EAGAIN, run(ring, new Accept(listener).dontWait()).errno());
            } finally {
                Fd.close(listener);
            }
        }
    }

    @Test
    void refusesANegativeSlot() {
        assertThrows(IllegalArgumentException.class, () -> new Accept(3).direct(new DirectFd(-2)));
    }
}
