package io.liouring.review2;

import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.net.Connection;
import io.liouring.net.Listener;
import io.liouring.struct.SockAddrIn;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A TCP pair over loopback whose server never reads: a zero-copy send's notification then waits for it. */
final class ZcFixture implements AutoCloseable {
    final Connection client;
    final Connection server;
    final int serverFd;
    final int fill = 128 << 10;
    private final Listener listener;

    ZcFixture(EventLoop loop, Arena arena) throws Exception {
        listener = Listener.bind(loop, SockAddrIn.loopback(0));
        listener.setReceiveBufferSize(4096);
        int port = ((SockAddrIn) listener.localAddress()).port();
        IoFuture<Connection> accepted = listener.acceptAsync();
        client = Connection.connect(loop, SockAddrIn.loopback(port));
        server = accepted.get(5, TimeUnit.SECONDS);
        serverFd = server.fd();
        client.setSendBufferSize(1 << 20);
        client.writeAsync(arena.allocate(fill)).get(5, TimeUnit.SECONDS); // the peer's window is full
        Thread.sleep(100);
    }

    @Override
    public void close() throws Exception {
        try { server.close(); } catch (Exception ignored) { }
        try { client.close(); } catch (Exception ignored) { }
        try { listener.close(); } catch (Exception ignored) { }
    }

    /** Voluntary context switches of the thread named {@code name} (its first 15 chars), from /proc. */
    static long switches(String name) throws Exception {
        String comm = name.length() > 15 ? name.substring(0, 15) : name;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(t.resolve("comm")).trim().equals(comm)) {
                    for (String line : Files.readAllLines(t.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            return Long.parseLong(line.split("\\s+")[1]);
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("no thread " + comm);
    }
}
