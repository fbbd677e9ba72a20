package io.liouring.cli;

import io.liouring.async.EventLoop;
import io.liouring.net.Connection;
import io.liouring.net.Listener;
import io.liouring.struct.SockAddr;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The echo service behind {@code lio echo-server} and the demo: an event loop, a listener, and one virtual
 * thread per connection that sends every byte back as it arrives.
 */
final class EchoService implements AutoCloseable {
    private static final int BUFFER_SIZE = 16 * 1024;

    private final EventLoop loop;
    private final Listener listener;
    private final Thread acceptor;
    private volatile boolean closing;

    private EchoService(EventLoop loop, Listener listener) {
        this.loop = loop;
        this.listener = listener;
        this.acceptor = Thread.ofVirtual().name("lio-echo-accept").start(this::acceptLoop);
    }

    /** Listens on {@code address} (port 0: any free port) and serves until closed. */
    static EchoService start(SockAddr address) throws IOException {
        EventLoop loop = EventLoop.open();
        try {
            return new EchoService(loop, Listener.bind(loop, address));
        } catch (IOException | RuntimeException e) {
            loop.close();
            throw e;
        }
    }

    /** The address the listener is bound to (with the port the kernel chose for port 0). */
    SockAddr address() throws IOException {
        return listener.localAddress();
    }

    private void acceptLoop() {
        while (!closing) {
            Connection connection;
            String name;
            try {
                connection = listener.accept();
                name = "lio-echo-" + connection.fd();
            } catch (IOException | RuntimeException e) {
                if (closing) {
                    return; // the listener was closed under the accept (AsynchronousCloseException)
                }
                throw new IllegalStateException("lio echo-server: accept failed: " + e.getMessage(), e);
            }
            Thread.ofVirtual().name(name).start(() -> echo(connection));
        }
    }

    private static void echo(Connection connection) {
        try (connection; Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(BUFFER_SIZE);
            for (int n; (n = connection.read(buffer)) > 0; ) {
                connection.writeFully(buffer.asSlice(0, n));
            }
        } catch (IOException | RuntimeException e) {
            // the peer went away mid-echo (reset, broken pipe): nothing to send back to
        }
    }

    /** Serves until the calling thread is interrupted. */
    void awaitInterrupt() throws InterruptedException {
        acceptor.join();
    }

    @Override
    public void close() throws IOException {
        closing = true;
        try {
            listener.close();
        } finally {
            loop.close();
        }
    }
}
