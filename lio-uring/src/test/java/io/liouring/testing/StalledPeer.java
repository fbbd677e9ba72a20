package io.liouring.testing;

import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.net.Connection;
import io.liouring.net.Listener;
import io.liouring.struct.SockAddrIn;

import java.lang.foreign.Arena;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: a TCP pair over loopback whose server does not read. The server's window (4 KiB) is full and the
 * client's send queue holds the rest of {@link #FILL} bytes, so a zero-copy send's notification waits until the
 * server reads or goes.
 */
public final class StalledPeer implements AutoCloseable {
    /** The bytes written before the test's own: they fill the server's window. */
    public static final int FILL = 128 << 10;
    public final Connection client;
    public final Connection server;
    public final int serverFd;
    private final Listener listener;

    public StalledPeer(EventLoop loop, Arena arena) throws Exception {
        listener = Listener.bind(loop, SockAddrIn.loopback(0));
        listener.setReceiveBufferSize(4096);
        int port = ((SockAddrIn) listener.localAddress()).port();
        IoFuture<Connection> accepted = listener.acceptAsync();
        client = Connection.connect(loop, SockAddrIn.loopback(port));
        server = accepted.get(5, TimeUnit.SECONDS);
        serverFd = server.fd();
        client.setSendBufferSize(1 << 20);
        client.writeAsync(arena.allocate(FILL)).get(5, TimeUnit.SECONDS); // the peer's window is full
        Thread.sleep(100);
    }

    /** Closes both ends and the listener, ignoring what is closed already. */
    @Override
    public void close() throws Exception {
        try { server.close(); } catch (Exception ignored) { }
        try { client.close(); } catch (Exception ignored) { }
        try { listener.close(); } catch (Exception ignored) { }
    }
}
