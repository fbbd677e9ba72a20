package io.liouring.operation;

import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.MsgFlags;
import io.liouring.Opcode;
import io.liouring.ShutdownHow;
import io.liouring.SocketType;
import io.liouring.SqeBytes;
import io.liouring.struct.SockAddrIn;
import io.liouring.testing.Loopback;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static io.liouring.testing.Roundtrip.PATIENCE;
import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SendRecvTest {
    @Test
    void encodesSendBufferLengthAndMsgFlags() {
        try (var arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(32);
            SqeBytes sqe = SqeBytes.encode(new Send(3, buffer).length(10).msgFlags(MsgFlags.MSG_NOSIGNAL).pollFirst());
            assertEquals(Opcode.SEND.code(), sqe.opcode());
            assertEquals(3, sqe.fd());
            assertEquals(buffer.address(), sqe.addr());
            assertEquals(10, sqe.len());
            assertEquals(MsgFlags.MSG_NOSIGNAL, sqe.opFlags());
            assertEquals(1, sqe.ioprio());
            assertEquals(0, sqe.off());
            assertEquals(0, sqe.fileIndex());
        }
    }

    @Test
    void encodesTheSendToDestinationInAddr2AndAddrLen() {
        try (var arena = Arena.ofConfined()) {
            SockAddrIn to = SockAddrIn.loopback(9);
            SqeBytes sqe = SqeBytes.encode(new Send(3, arena.allocate(8)).to(to));
            assertEquals(to.segment().address(), sqe.off());
            assertEquals(SockAddrIn.SIZE, sqe.fileIndex() & 0xFFFF);
            assertEquals(0, sqe.fileIndex() >>> 16);
            SqeBytes back = SqeBytes.encode(new Send(3, arena.allocate(8)).to(to).toPeer());
            assertEquals(0, back.off());
            assertEquals(0, back.fileIndex());
        }
    }

    @Test
    void encodesRecvBufferLengthAndMsgFlags() {
        try (var arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(64);
            SqeBytes sqe = SqeBytes.encode(new Recv(5, buffer).msgFlags(MsgFlags.MSG_WAITALL));
            assertEquals(Opcode.RECV.code(), sqe.opcode());
            assertEquals(5, sqe.fd());
            assertEquals(buffer.address(), sqe.addr());
            assertEquals(64, sqe.len());
            assertEquals(MsgFlags.MSG_WAITALL, sqe.opFlags());
            assertEquals(0, sqe.ioprio());
            assertEquals(0, sqe.flags());
        }
    }

    @Test
    void refusesHeapBuffersAndLengthsBeyondTheBuffer() {
        assertThrows(IllegalArgumentException.class, () -> new Send(3, MemorySegment.ofArray(new byte[4])));
        try (var arena = Arena.ofConfined()) {
            assertThrows(IllegalArgumentException.class, () -> new Recv(3, arena.allocate(4)).length(5));
        }
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void sendPutsTheBytesOnTheConnection(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, ip); var arena = Arena.ofConfined()) {
            MemorySegment data = Loopback.bytes(arena, "Hello, io_uring!");
            assertEquals(16, run(ring, new Send(tcp.client(), data)).result());
            assertEquals("Hello, io_uring!", Loopback.text(SocketNative.readExactly(tcp.server(), 16, PATIENCE)));
        }
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void sendToDeliversADatagramToTheGivenAddress(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var arena = Arena.ofConfined()) {
            int receiver = Loopback.boundUdp(ring, ip);
            int sender = Loopback.socket(ring, ip.family, SocketType.SOCK_DGRAM);
            try {
                var send = new Send(sender, Loopback.bytes(arena, "datagram")).to(ip.loopback(SocketNative.localPort(receiver)));
                assertEquals(8, run(ring, send).result());
                assertArrayEquals(Loopback.utf8("datagram"), SocketNative.readSome(receiver, 64, PATIENCE));
            } finally {
                Fd.close(sender);
                Fd.close(receiver);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void recvReadsWhatThePeerWrote(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, ip); var arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(64);
            SocketNative.write(tcp.client(), Loopback.utf8("over the wire"));
            int n = run(ring, new Recv(tcp.server(), buffer).length(13).msgFlags(MsgFlags.MSG_WAITALL)).resultOrThrow();
            assertEquals(13, n);
            assertEquals("over the wire", Loopback.text(buffer.asSlice(0, n)));
        }
    }

    @Test
    void recvCompletesWithZeroAtEndOfStream() {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, Loopback.Ip.V4); var arena = Arena.ofConfined()) {
            run(ring, new Shutdown(tcp.client(), ShutdownHow.SHUT_WR)).resultOrThrow();
            assertEquals(0, run(ring, new Recv(tcp.server(), arena.allocate(8))).result());
        }
    }
}
