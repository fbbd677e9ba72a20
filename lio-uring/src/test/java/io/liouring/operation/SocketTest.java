package io.liouring.operation;

import io.liouring.AddressFamily;
import io.liouring.DirectFd;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SocketOptions;
import io.liouring.SocketType;
import io.liouring.SqeBytes;
import io.liouring.SqeFlags;
import io.liouring.testing.Loopback;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;
import java.nio.file.Path;

import static io.liouring.testing.Roundtrip.PATIENCE;
import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SocketTest {
    @Test
    void encodesDomainTypeAndProtocolAsTheAbiSays() {
        int type = SocketType.SOCK_STREAM | SocketType.SOCK_CLOEXEC;
        SqeBytes sqe = SqeBytes.encode(new Socket(AddressFamily.AF_INET6, type, SocketOptions.IPPROTO_TCP));
        assertEquals(Opcode.SOCKET.code(), sqe.opcode());
        assertEquals(AddressFamily.AF_INET6, sqe.fd());
        assertEquals(type, sqe.off());
        assertEquals(SocketOptions.IPPROTO_TCP, sqe.len());
        assertEquals(0, sqe.addr());
        assertEquals(0, sqe.opFlags());
        assertEquals(0, sqe.fileIndex());
    }

    @Test
    void encodesADirectSlotAsSlotPlusOneAndAllocationAsAllOnes() {
        assertEquals(4, SqeBytes.encode(new Socket(AddressFamily.AF_INET, SocketType.SOCK_DGRAM, 0).direct(new DirectFd(3))).fileIndex());
        assertEquals(0xFFFF_FFFF, SqeBytes.encode(new Socket(AddressFamily.AF_INET, SocketType.SOCK_DGRAM, 0)
                .directAllocate()).fileIndex());
        assertEquals(0, SqeBytes.encode(new Socket(AddressFamily.AF_INET, SocketType.SOCK_DGRAM, 0)
                .directAllocate().normalFd()).fileIndex());
        assertThrows(IllegalArgumentException.class, () -> new Socket(AddressFamily.AF_INET, SocketType.SOCK_DGRAM, 0)
                .direct(new DirectFd(-1)));
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void createsASocketOfTheRequestedFamilyAndType(Loopback.Ip ip) {
        try (var ring = new LioUring(8)) {
            int fd = run(ring, new Socket(ip.family, SocketType.SOCK_STREAM | SocketType.SOCK_CLOEXEC, 0)).resultOrThrow();
            try {
                assertEquals(ip.family, SocketNative.intOption(fd, SocketOptions.SOL_SOCKET, SocketOptions.SO_DOMAIN));
                assertEquals(SocketType.SOCK_STREAM, SocketNative.intOption(fd, SocketOptions.SOL_SOCKET, SocketOptions.SO_TYPE));
                assertEquals(SocketOptions.IPPROTO_TCP,
                        SocketNative.intOption(fd, SocketOptions.SOL_SOCKET, SocketOptions.SO_PROTOCOL));
            } finally {
                Fd.close(fd);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void createsADirectSocketInTheGivenSlotThatCanSend(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var arena = Arena.ofConfined()) {
            ring.registerFilesSparse(4);
            assertEquals(0, run(ring, new Socket(ip.family, SocketType.SOCK_DGRAM, 0).direct(new DirectFd(2))).result());
            assertDirectSocketSends(ring, ip, 2, arena);
        }
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void createsADirectSocketInASlotTheKernelPicks(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var arena = Arena.ofConfined()) {
            ring.registerFilesSparse(4);
            int devNull = Fd.openRead(Path.of("/dev/null"));
            ring.updateFiles(0, devNull);
            Fd.close(devNull);
            int slot = run(ring, new Socket(ip.family, SocketType.SOCK_DGRAM, 0).directAllocate()).resultOrThrow();
            assertTrue(slot >= 1 && slot < 4, "slot 0 is taken, so the kernel picks one of 1..3: " + slot);
            assertDirectSocketSends(ring, ip, slot, arena);
        }
    }

    private static void assertDirectSocketSends(LioUring ring, Loopback.Ip ip, int slot, Arena arena) {
        int receiver = Loopback.boundUdp(ring, ip);
        try {
            var send = new Send(slot, Loopback.bytes(arena, "from a direct socket"))
                    .to(ip.loopback(SocketNative.localPort(receiver)));
            assertEquals(20, run(ring, send, SqeFlags.FIXED_FILE).resultOrThrow());
            assertArrayEquals(Loopback.utf8("from a direct socket"), SocketNative.readSome(receiver, 64, PATIENCE));
        } finally {
            Fd.close(receiver);
        }
    }

    @Test
    void reportsAnUnknownFamilyAsEafnosupport() {
        try (var ring = new LioUring(8)) {
            assertEquals(Errno.EAFNOSUPPORT, run(ring, new Socket(200, SocketType.SOCK_STREAM, 0)).errno());
        }
    }
}
