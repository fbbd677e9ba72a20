package io.liouring.operation;

import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SocketOptions;
import io.liouring.SocketType;
import io.liouring.SqeBytes;
import io.liouring.testing.Loopback;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ListenTest {
    @Test
    void encodesTheBacklogInLen() {
        SqeBytes sqe = SqeBytes.encode(new Listen(5, 128));
        assertEquals(Opcode.LISTEN.code(), sqe.opcode());
        assertEquals(5, sqe.fd());
        assertEquals(128, sqe.len());
        assertEquals(0, sqe.addr());
        assertEquals(0, sqe.off());
    }

    @Test
    void refusesANegativeBacklog() {
        assertThrows(IllegalArgumentException.class, () -> new Listen(5, -1));
    }

    @ParameterizedTest
    @EnumSource(Loopback.Ip.class)
    void turnsABoundSocketIntoAListeningOne(Loopback.Ip ip) {
        try (var ring = new LioUring(8)) {
            int fd = Loopback.socket(ring, ip.family, SocketType.SOCK_STREAM);
            try {
                run(ring, new Bind(fd, ip.loopback(0))).resultOrThrow();
                assertEquals(0, SocketNative.intOption(fd, SocketOptions.SOL_SOCKET, SocketOptions.SO_ACCEPTCONN));
                assertEquals(0, run(ring, new Listen(fd, 8)).result());
                assertEquals(1, SocketNative.intOption(fd, SocketOptions.SOL_SOCKET, SocketOptions.SO_ACCEPTCONN));
            } finally {
                Fd.close(fd);
            }
        }
    }
}
