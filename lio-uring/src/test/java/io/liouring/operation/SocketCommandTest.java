package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.MsgFlags;
import io.liouring.Opcode;
import io.liouring.SocketOptions;
import io.liouring.SocketType;
import io.liouring.SqeBytes;
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
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The socket URING_CMD commands as typed operations: SIOCINQ, SIOCOUTQ, GETSOCKOPT, SETSOCKOPT, GETSOCKNAME. */
class SocketCommandTest {
    @Test
    void encodesTheQueueCommandsByCmdOp() {
        SqeBytes inq = SqeBytes.encode(new SiocInq(4));
        assertEquals(Opcode.URING_CMD.code(), inq.opcode());
        assertEquals(4, inq.fd());
        assertEquals(0L, inq.off());
        SqeBytes outq = SqeBytes.encode(new SiocOutq(4));
        assertEquals(Opcode.URING_CMD.code(), outq.opcode());
        assertEquals(1L, outq.off());
    }

    @Test
    void encodesSocketOptionsAtLevelOptnameOptlenAndOptval() {
        GetSockOpt get = GetSockOpt.ofInt(6, SocketOptions.SOL_SOCKET, SocketOptions.SO_RCVBUF);
        SqeBytes sqe = SqeBytes.encode(get);
        assertEquals(Opcode.URING_CMD.code(), sqe.opcode());
        assertEquals(6, sqe.fd());
        assertEquals(2L, sqe.off());
        assertEquals(SocketOptions.SOL_SOCKET, (int) sqe.addr(), "level @16");
        assertEquals(SocketOptions.SO_RCVBUF, (int) (sqe.addr() >>> 32), "optname @20");
        assertEquals(4, sqe.fileIndex(), "optlen @44");
        assertEquals(get.value().address(), sqe.addr3(), "optval @48");

        SetSockOpt set = SetSockOpt.ofInt(6, SocketOptions.IPPROTO_TCP, SocketOptions.TCP_NODELAY, 1);
        SqeBytes s = SqeBytes.encode(set);
        assertEquals(3L, s.off());
        assertEquals(SocketOptions.IPPROTO_TCP, (int) s.addr());
        assertEquals(SocketOptions.TCP_NODELAY, (int) (s.addr() >>> 32));
        assertEquals(4, s.fileIndex());
        assertEquals(set.value().address(), s.addr3());
        assertEquals(1, set.value().get(JAVA_INT, 0));
    }

    @Test
    void encodesGetSockNameWithAddressLengthPointerAndPeerFlag() {
        SockAddrStorage storage = new SockAddrStorage();
        SqeBytes local = SqeBytes.encode(new GetSockName(8, storage));
        assertEquals(Opcode.URING_CMD.code(), local.opcode());
        assertEquals(5L, local.off());
        assertEquals(storage.segment().address(), local.addr());
        assertEquals(storage.lengthSegment().address(), local.addr3());
        assertEquals(0, local.fileIndex());
        assertEquals(0, local.len());
        assertEquals(1, SqeBytes.encode(new GetSockName(8, storage).peer()).fileIndex());
        assertEquals(0, SqeBytes.encode(new GetSockName(8, storage).peer().local()).fileIndex());
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void siocinqReportsTheBytesQueuedForReading(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, ip)) {
            assertEquals(0, run(ring, new SiocInq(tcp.server())).result());
            SocketNative.write(tcp.client(), Loopback.utf8("eleven byte"));
            SocketNative.readable(tcp.server(), PATIENCE);
            int queued = run(ring, new SiocInq(tcp.server())).result();
            assertEquals(11, queued);
            assertEquals(SocketNative.ioctlInt(tcp.server(), SocketNative.FIONREAD), queued);
        }
    }

    @Test
    void siocinqOnAListeningSocketIsEinval() {
        try (var ring = new LioUring(8)) {
            int listener = Loopback.listener(ring, Loopback.Ip.V4);
            try {
                assertEquals(Errno.EINVAL, run(ring, new SiocInq(listener)).errno());
            } finally {
                Fd.close(listener);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void siocoutqReportsTheBytesStuckInTheSendQueue(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, ip); var arena = Arena.ofConfined()) {
            // the reader never reads, so once its window is full the sender's queue keeps what is left
            MemorySegment chunk = arena.allocate(64 * 1024);
            Send send = new Send(tcp.client(), chunk).msgFlags(MsgFlags.MSG_DONTWAIT);
            long sent = 0;
            Completion c;
            while ((c = run(ring, send)).result() > 0) {
                sent += c.result();
                assertTrue(sent < (1L << 30), "the connection never filled up");
            }
            assertEquals(Errno.EAGAIN, c.errno());
            int unsent = run(ring, new SiocOutq(tcp.client())).resultOrThrow();
            assertTrue(unsent > 0 && unsent <= sent, unsent + " of " + sent + " bytes wait in the send queue");

            for (long read = 0; read < sent; ) {
                read += SocketNative.readSome(tcp.server(), 1 << 20, PATIENCE).length;
            }
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while ((unsent = run(ring, new SiocOutq(tcp.client())).resultOrThrow()) > 0) {
                assertTrue(System.nanoTime() < deadline, "the send queue did not drain: " + unsent);
                Thread.onSpinWait();
            }
            assertEquals(0, unsent, "once the reader has everything, nothing waits");
        }
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void setsockoptSetsTheReceiveBufferAndGetsockoptReadsItBack(Loopback.Ip ip) {
        try (var ring = new LioUring(8)) {
            int fd = Loopback.socket(ring, ip.family, SocketType.SOCK_STREAM);
            try {
                var set = SetSockOpt.ofInt(fd, SocketOptions.SOL_SOCKET, SocketOptions.SO_RCVBUF, 32 * 1024);
                assertEquals(0, run(ring, set).result());
                var get = GetSockOpt.ofInt(fd, SocketOptions.SOL_SOCKET, SocketOptions.SO_RCVBUF);
                assertEquals(4, run(ring, get).result(), "the result is optlen");
                assertEquals(64 * 1024, get.intValue(), "the kernel doubles SO_RCVBUF for its bookkeeping");
                assertEquals(SocketNative.intOption(fd, SocketOptions.SOL_SOCKET, SocketOptions.SO_RCVBUF), get.intValue());

                assertEquals(0, run(ring, set.intValue(48 * 1024)).result(), "reused with a new value");
                run(ring, get).resultOrThrow();
                assertEquals(96 * 1024, get.intValue());
            } finally {
                Fd.close(fd);
            }
        }
    }

    @Test
    void getsockoptReadsTheSocketType() {
        try (var ring = new LioUring(8)) {
            int fd = Loopback.socket(ring, Loopback.Ip.V4.family, SocketType.SOCK_DGRAM);
            try {
                var get = GetSockOpt.ofInt(fd, SocketOptions.SOL_SOCKET, SocketOptions.SO_TYPE);
                assertEquals(4, run(ring, get).result());
                assertEquals(SocketType.SOCK_DGRAM, get.intValue());
            } finally {
                Fd.close(fd);
            }
        }
    }

    @Test
    void getsockoptIsLimitedToSolSocket() {
        try (var ring = new LioUring(8)) {
            int fd = Loopback.socket(ring, Loopback.Ip.V4.family, SocketType.SOCK_STREAM);
            try {
                var get = GetSockOpt.ofInt(fd, SocketOptions.IPPROTO_TCP, SocketOptions.TCP_NODELAY);
                assertEquals(Errno.EOPNOTSUPP, run(ring, get).errno());
            } finally {
                Fd.close(fd);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void getsocknameReturnsTheBoundPort(Loopback.Ip ip) {
        try (var ring = new LioUring(8)) {
            int listener = Loopback.listener(ring, ip);
            try {
                SockAddrStorage storage = new SockAddrStorage();
                Completion c = run(ring, new GetSockName(listener, storage));
                assumeFalse(c.errno() == Errno.EOPNOTSUPP,
                        "SOCKET_URING_OP_GETSOCKNAME needs Linux 6.19; this kernel answers EOPNOTSUPP");
                assertEquals(0, c.resultOrThrow());
                assertEquals(ip.loopback(SocketNative.localPort(listener)), storage.address());
            } finally {
                Fd.close(listener);
            }
        }
    }
}
