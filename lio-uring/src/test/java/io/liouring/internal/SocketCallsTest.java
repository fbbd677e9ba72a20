package io.liouring.internal;

import io.liouring.Errno;
import io.liouring.MsgFlags;
import io.liouring.async.EventLoop;
import io.liouring.net.Connection;
import io.liouring.net.Listener;
import io.liouring.struct.SockAddrIn;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SocketCallsTest {
    @Test
    void sendsAndReceivesHeapAndNativeBuffersWithoutBlocking() throws Exception {
        try (EventLoop loop = EventLoop.open(); Listener listener = Listener.bind(loop, SockAddrIn.loopback(0))) {
            CompletableFuture<Connection> accepted = listener.acceptAsync();
            SockAddrIn at = (SockAddrIn) listener.localAddress();
            try (Connection client = Connection.connect(loop, at); Connection server = accepted.get();
                 Arena arena = Arena.ofConfined()) {
                MemorySegment nothing = arena.allocate(4);
                assertEquals(-Errno.EAGAIN.number(), SocketCalls.recv(server.fd(), nothing, MsgFlags.MSG_DONTWAIT),
                        "nothing there: it would block");

                byte[] heap = {1, 2, 3, 4};
                assertEquals(4, SocketCalls.send(client.fd(), MemorySegment.ofArray(heap),
                        MsgFlags.MSG_DONTWAIT | MsgFlags.MSG_NOSIGNAL));
                MemorySegment in = arena.allocate(4);
                long n = 0;
                while (n < 4) { // loopback delivers at once, but give it the few tries a loaded machine needs
                    long r = SocketCalls.recv(server.fd(), in.asSlice(n), MsgFlags.MSG_DONTWAIT);
                    if (r > 0) {
                        n += r;
                    } else {
                        assertEquals(-Errno.EAGAIN.number(), r);
                        Thread.onSpinWait();
                    }
                }
                assertArrayEquals(heap, in.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));

                MemorySegment out = arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_BYTE, (byte) 9);
                assertEquals(1, SocketCalls.send(server.fd(), out, MsgFlags.MSG_DONTWAIT | MsgFlags.MSG_NOSIGNAL));
                byte[] back = new byte[1];
                while (SocketCalls.recv(client.fd(), MemorySegment.ofArray(back), MsgFlags.MSG_DONTWAIT) != 1) {
                    Thread.onSpinWait();
                }
                assertEquals(9, back[0]);
            }
        }
    }

    @Test
    void aBadDescriptorIsMinusEbadf() {
        assertEquals(-Errno.EBADF.number(), SocketCalls.recv(-1, MemorySegment.ofArray(new byte[1]), 0));
        assertEquals(-Errno.EBADF.number(), SocketCalls.send(-1, MemorySegment.ofArray(new byte[1]), 0));
    }

    @Test
    void shutdownOfTheWritingSideIsTheEndOfStreamForThePeer() throws Exception {
        try (EventLoop loop = EventLoop.open(); Listener listener = Listener.bind(loop, SockAddrIn.loopback(0))) {
            CompletableFuture<Connection> accepted = listener.acceptAsync();
            SockAddrIn at = (SockAddrIn) listener.localAddress();
            try (Connection client = Connection.connect(loop, at); Connection server = accepted.get();
                 Arena arena = Arena.ofConfined()) {
                assertEquals(0, SocketCalls.shutdown(client.fd(), io.liouring.ShutdownHow.SHUT_WR));
                MemorySegment in = arena.allocate(4);
                long r;
                do { // the FIN may take a moment on a loaded machine
                    r = SocketCalls.recv(server.fd(), in, MsgFlags.MSG_DONTWAIT);
                } while (r == -Errno.EAGAIN.number());
                assertEquals(0, r, "end of stream");
            }
        }
        assertEquals(-Errno.EBADF.number(), SocketCalls.shutdown(-1, io.liouring.ShutdownHow.SHUT_WR));
    }

    @Test
    void socketBindAndListenMakeAListenerThatTakesAConnection() throws Exception {
        int fd = SocketCalls.socket(io.liouring.AddressFamily.AF_INET,
                io.liouring.SocketType.SOCK_STREAM | io.liouring.SocketType.SOCK_CLOEXEC, 0);
        org.junit.jupiter.api.Assertions.assertTrue(fd >= 0, "socket: " + fd);
        try {
            SockAddrIn any = SockAddrIn.loopback(0);
            assertEquals(0, SocketCalls.bind(fd, any.segment(), any.length()));
            assertEquals(0, SocketCalls.listen(fd, 4));
            SockAddrIn at = (SockAddrIn) SocketNames.local(fd);
            try (java.net.Socket client = new java.net.Socket(at.toInetSocketAddress().getAddress(),
                    at.toInetSocketAddress().getPort())) {
                org.junit.jupiter.api.Assertions.assertTrue(client.isConnected());
            }
            assertEquals(-Errno.EINVAL.number(), SocketCalls.bind(fd, any.segment(), any.length()), "bound already");
        } finally {
            io.liouring.Fd.close(fd);
        }
        assertEquals(-Errno.EBADF.number(), SocketCalls.listen(-1, 1));
        assertEquals(-Errno.EAFNOSUPPORT.number(), SocketCalls.socket(12345, io.liouring.SocketType.SOCK_STREAM, 0));
    }
}
