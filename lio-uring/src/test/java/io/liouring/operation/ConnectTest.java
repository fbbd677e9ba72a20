package io.liouring.operation;

import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SocketType;
import io.liouring.SqeBytes;
import io.liouring.struct.SockAddr;
import io.liouring.struct.SockAddrIn;
import io.liouring.testing.Loopback;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.liouring.testing.Roundtrip.PATIENCE;
import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ConnectTest {
    @Test
    void encodesTheAddressAndItsLengthInOff() {
        SockAddrIn address = SockAddrIn.loopback(443);
        SqeBytes sqe = SqeBytes.encode(new Connect(9, address));
        assertEquals(Opcode.CONNECT.code(), sqe.opcode());
        assertEquals(9, sqe.fd());
        assertEquals(address.segment().address(), sqe.addr());
        assertEquals(SockAddrIn.SIZE, sqe.off());
        assertEquals(0, sqe.len());
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void connectsToAListenerWhoseAcceptedSocketCarriesTheBytes(Loopback.Ip ip) {
        try (var ring = new LioUring(8)) {
            int listener = Loopback.listener(ring, ip);
            int client = Loopback.socket(ring, ip.family, SocketType.SOCK_STREAM);
            try {
                SockAddr target = ip.loopback(SocketNative.localPort(listener));
                assertEquals(0, run(ring, new Connect(client, target)).result());
                int server = run(ring, new Accept(listener)).resultOrThrow();
                try {
                    SocketNative.write(client, Loopback.utf8("hi"));
                    assertArrayEquals(Loopback.utf8("hi"), SocketNative.readExactly(server, 2, PATIENCE));
                } finally {
                    Fd.close(server);
                }
            } finally {
                Fd.close(client);
                Fd.close(listener);
            }
        }
    }

    @Test
    void reportsAClosedPortAsEconnrefused() {
        try (var ring = new LioUring(8)) {
            int listener = Loopback.listener(ring, Loopback.Ip.V4);
            int port = SocketNative.localPort(listener);
            Fd.close(listener);
            int client = Loopback.socket(ring, Loopback.Ip.V4.family, SocketType.SOCK_STREAM);
            try {
                assertEquals(Errno.ECONNREFUSED, run(ring, new Connect(client, SockAddrIn.loopback(port))).errno());
            } finally {
                Fd.close(client);
            }
        }
    }
}
