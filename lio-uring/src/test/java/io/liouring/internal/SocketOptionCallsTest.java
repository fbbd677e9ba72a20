package io.liouring.internal;

import io.liouring.Errno;
import io.liouring.SocketOptions;
import io.liouring.UringException;
import io.liouring.async.EventLoop;
import io.liouring.net.Listener;
import io.liouring.struct.SockAddrIn;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SocketOptionCallsTest {
    @Test
    void readsTcpLevelOptionsTheRingCannot() throws Exception {
        try (EventLoop loop = EventLoop.open(); Listener listener = Listener.bind(loop, SockAddrIn.loopback(0))) {
            listener.setOption(SocketOptions.IPPROTO_TCP, SocketOptions.TCP_NODELAY, 1);
            assertEquals(1, SocketOptionCalls.getInt(listener.fd(), SocketOptions.IPPROTO_TCP, SocketOptions.TCP_NODELAY));
            listener.setOption(SocketOptions.IPPROTO_TCP, SocketOptions.TCP_NODELAY, 0);
            assertEquals(0, SocketOptionCalls.getInt(listener.fd(), SocketOptions.IPPROTO_TCP, SocketOptions.TCP_NODELAY));
        }
    }

    @Test
    void aBadDescriptorIsAnErrnoNamedFailure() {
        UringException e = assertThrows(UringException.class,
                () -> SocketOptionCalls.getInt(-1, SocketOptions.SOL_SOCKET, SocketOptions.SO_TYPE));
        assertEquals(Errno.EBADF, e.errno());
    }

    @Test
    void setsAnOptionTheKernelThenReports() throws Exception {
        try (EventLoop loop = EventLoop.open(); Listener listener = Listener.bind(loop, SockAddrIn.loopback(0))) {
            SocketOptionCalls.setInt(listener.fd(), SocketOptions.IPPROTO_TCP, SocketOptions.TCP_NODELAY, 1);
            assertEquals(1, SocketOptionCalls.getInt(listener.fd(), SocketOptions.IPPROTO_TCP, SocketOptions.TCP_NODELAY));
            SocketOptionCalls.setInt(listener.fd(), SocketOptions.IPPROTO_TCP, SocketOptions.TCP_NODELAY, 0);
            assertEquals(0, SocketOptionCalls.getInt(listener.fd(), SocketOptions.IPPROTO_TCP, SocketOptions.TCP_NODELAY));
        }
    }

    @Test
    void aFailedSetIsAnErrnoNamedFailure() {
        UringException e = assertThrows(UringException.class,
                () -> SocketOptionCalls.setInt(-1, SocketOptions.SOL_SOCKET, SocketOptions.SO_KEEPALIVE, 1));
        assertEquals(Errno.EBADF, e.errno());
    }
}
