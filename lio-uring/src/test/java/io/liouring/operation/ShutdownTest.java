package io.liouring.operation;

import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.ShutdownHow;
import io.liouring.SocketType;
import io.liouring.SqeBytes;
import io.liouring.testing.Loopback;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.liouring.testing.Roundtrip.PATIENCE;
import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShutdownTest {
    @Test
    void encodesHowInLen() {
        SqeBytes sqe = SqeBytes.encode(new Shutdown(4, ShutdownHow.SHUT_WR));
        assertEquals(Opcode.SHUTDOWN.code(), sqe.opcode());
        assertEquals(4, sqe.fd());
        assertEquals(ShutdownHow.SHUT_WR, sqe.len());
    }

    @Test
    void refusesAnUnknownHow() {
        assertThrows(IllegalArgumentException.class, () -> new Shutdown(4, 3));
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void shuttingDownTheWriteSideGivesThePeerEndOfStreamAfterTheData(Loopback.Ip ip) {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, ip)) {
            SocketNative.write(tcp.client(), Loopback.utf8("last words"));
            assertEquals(0, run(ring, new Shutdown(tcp.client(), ShutdownHow.SHUT_WR)).result());
            assertArrayEquals(Loopback.utf8("last words"), SocketNative.readExactly(tcp.server(), 10, PATIENCE));
            assertEquals(0, SocketNative.readSome(tcp.server(), 16, PATIENCE).length, "end of stream");
        }
    }

    @Test
    void reportsAnUnconnectedSocketAsEnotconn() {
        try (var ring = new LioUring(8)) {
            int fd = Loopback.socket(ring, Loopback.Ip.V4.family, SocketType.SOCK_STREAM);
            try {
                assertEquals(Errno.ENOTCONN, run(ring, new Shutdown(fd, ShutdownHow.SHUT_RDWR)).errno());
            } finally {
                Fd.close(fd);
            }
        }
    }
}
