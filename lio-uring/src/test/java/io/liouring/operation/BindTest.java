package io.liouring.operation;

import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SocketType;
import io.liouring.SqeBytes;
import io.liouring.struct.SockAddr;
import io.liouring.struct.SockAddrIn;
import io.liouring.struct.SockAddrIn6;
import io.liouring.testing.Loopback;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.MemorySegment;

import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BindTest {
    @Test
    void encodesTheAddressAndItsLength() {
        SockAddrIn6 address = SockAddrIn6.loopback(8080);
        SqeBytes sqe = SqeBytes.encode(new Bind(7, address));
        assertEquals(Opcode.BIND.code(), sqe.opcode());
        assertEquals(7, sqe.fd());
        assertEquals(address.segment().address(), sqe.addr());
        assertEquals(SockAddrIn6.SIZE, sqe.off());
        assertEquals(0, sqe.len());
    }

    @Test
    void refusesANullAddress() {
        assertThrows(NullPointerException.class, () -> new Bind(7, null));
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void bindsTheSocketToTheLoopbackAddress(Loopback.Ip ip) {
        try (var ring = new LioUring(8)) {
            int fd = Loopback.socket(ring, ip.family, SocketType.SOCK_STREAM);
            try {
                assertEquals(0, run(ring, new Bind(fd, ip.loopback(0))).result());
                byte[] local = SocketNative.localAddress(fd);
                SockAddr bound = SockAddr.parse(MemorySegment.ofArray(local), local.length);
                SockAddr expected = ip.loopback(SocketNative.localPort(fd));
                assertEquals(expected, bound);
                assertNotEquals(0, SocketNative.localPort(fd), "port 0 asks the kernel for a free port");
            } finally {
                Fd.close(fd);
            }
        }
    }

    @Test
    void reportsAPortInUseAsEaddrinuse() {
        try (var ring = new LioUring(8)) {
            int first = Loopback.listener(ring, Loopback.Ip.V4);
            int second = Loopback.socket(ring, Loopback.Ip.V4.family, SocketType.SOCK_STREAM);
            try {
                var bind = new Bind(second, SockAddrIn.loopback(SocketNative.localPort(first)));
                assertEquals(Errno.EADDRINUSE, run(ring, bind).errno());
            } finally {
                Fd.close(first);
                Fd.close(second);
            }
        }
    }
}
