package io.liouring.bench.echo;

import io.liouring.MsgFlags;
import io.liouring.Params;
import io.liouring.SocketOptions;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.async.RequestCallback;
import io.liouring.buffer.BufferRing;
import io.liouring.net.Connection;
import io.liouring.net.Listener;
import io.liouring.operation.Send;
import io.liouring.struct.SockAddrIn;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedChannelException;
import java.util.function.Consumer;

/**
 * lio-uring's echo servers, both on one {@link EventLoop} (one ring, one loop thread), written with the public
 * API only:
 * <ul>
 * <li>{@link #startLoop} — everything on the loop thread: {@link Listener#acceptEach} (multishot accept),
 * {@link Connection#receiveEach} (multishot receive over a {@link BufferRing}) and sends submitted with a callback
 * ({@link Connection#submitCallback}), one in flight per connection; bytes that arrive meanwhile wait in the
 * connection's out buffer.</li>
 * <li>{@link #startVirtualThreads} — the README's server: a virtual thread per connection doing blocking
 * {@link Connection#read} and {@link Connection#writeFully}.</li>
 * </ul>
 */
final class LioEchoServer implements EchoServer {
    private static final int BUFFER_GROUP = 1;
    /**
     * The buffer ring's buffers ({@code lio.echo.buffers}, default 512) and their size ({@code lio.echo.bufferSize},
     * default 4 KiB). The kernel takes ring entries in turn, so every buffer is written once per pass over the ring:
     * a small ring (2 MiB, at least one buffer per connection of the benchmark) keeps them in cache and in the TLB,
     * where 1024 × 16 KiB made the kernel's copy into them 8 % of the server's CPU at 100 × 64 B (ANALYSIS.md).
     */
    private static final int RING_BUFFERS = Integer.getInteger("lio.echo.buffers", 512);
    private static final int RING_BUFFER_SIZE = Integer.getInteger("lio.echo.bufferSize", 4096);
    private static final int CONNECTION_BUFFER = 64 * 1024;

    private final EventLoop loop;
    private final Listener listener;
    private final BufferRing buffers;
    private final IoFuture<?> accepting;
    private final Thread acceptor;
    private final int port;

    private LioEchoServer(int port, boolean virtualThreads) throws IOException {
        loop = openLoop();
        try {
            listener = Listener.bind(loop, SockAddrIn.loopback(port), 1024);
            this.port = ((SockAddrIn) listener.localAddress()).port();
        } catch (IOException | RuntimeException e) {
            loop.close();
            throw e;
        }
        if (virtualThreads) {
            buffers = null;
            accepting = null;
            acceptor = Thread.ofPlatform().name("lio-echo-acceptor").daemon().start(this::acceptForever);
        } else {
            buffers = loop.runOnLoop(ring -> ring.registerBufferRing(BUFFER_GROUP, RING_BUFFERS, RING_BUFFER_SIZE)).join();
            accepting = listener.acceptEach(c -> new LoopEcho(c, buffers).start());
            acceptor = null;
        }
    }

    /**
     * The loop with EventLoop's default ring, or — for experiments — the ring named by the system property
     * {@code lio.echo.ring}: {@code single} (SINGLE_ISSUER only), {@code coop} (SINGLE_ISSUER | COOP_TASKRUN),
     * {@code plain} (no flags).
     */
    private static EventLoop openLoop() {
        String ring = System.getProperty("lio.echo.ring", "default");
        int cq = 1024;
        return switch (ring) {
            case "default" -> EventLoop.open();
            case "single" -> EventLoop.builder().params(Params.builder().singleIssuer().cqSize(cq).build()).build();
            case "coop" -> EventLoop.builder().params(Params.builder().singleIssuer().coopTaskrun().cqSize(cq).build())
                    .build();
            case "plain" -> EventLoop.builder().params(Params.builder().cqSize(cq).build()).build();
            default -> throw new IllegalArgumentException("lio.echo.ring must be default, single, coop or plain: " + ring);
        };
    }

    static LioEchoServer startLoop(int port) throws IOException {
        return new LioEchoServer(port, false);
    }

    static LioEchoServer startVirtualThreads(int port) throws IOException {
        return new LioEchoServer(port, true);
    }

    @Override
    public int port() {
        return port;
    }

    private void acceptForever() {
        while (!listener.isClosed()) {
            Connection c;
            try {
                c = listener.accept();
            } catch (IOException | RuntimeException e) {
                if (!listener.isClosed()) {
                    e.printStackTrace();
                }
                return;
            }
            Thread.startVirtualThread(() -> serve(c));
        }
    }

    /** The README's echo loop. */
    private static void serve(Connection connection) {
        try (connection; Arena arena = Arena.ofConfined()) {
            connection.setNoDelay(true);
            MemorySegment buffer = arena.allocate(CONNECTION_BUFFER);
            for (int n; (n = connection.read(buffer)) > 0; ) {
                connection.writeFully(buffer.asSlice(0, n));
            }
        } catch (IOException | RuntimeException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        if (accepting != null) {
            accepting.cancel(false);
        }
        listener.close();
        if (acceptor != null) {
            try {
                acceptor.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (buffers != null) {
            loop.runOnLoop(ring -> {
                buffers.close();
                return null;
            }).join();
        }
        loop.close();
    }

    /**
     * One connection served on the loop thread. Received bytes are appended to {@link #out}; while a send is in
     * flight nothing else is sent, and when it completes the unsent rest moves to the front and goes next. Sends go
     * through {@link Connection#submitCallback} with this connection's one {@link Send} (over the whole of
     * {@link #out}, its length set before each send) and this object as the callback: a send allocates nothing.
     */
    private static final class LoopEcho implements Consumer<MemorySegment>, RequestCallback {
        private final Connection connection;
        private final BufferRing buffers;
        private MemorySegment out = Arena.ofAuto().allocate(CONNECTION_BUFFER);
        private Send send;
        private long pending;
        private boolean sending;

        LoopEcho(Connection connection, BufferRing buffers) {
            this.connection = connection;
            this.buffers = buffers;
        }

        void start() {
            try {
                send = new Send(connection.fd(), out).msgFlags(MsgFlags.MSG_NOSIGNAL);
                // TCP_NODELAY without blocking the loop thread: the option request goes ahead of the receive.
                connection.setOptionAsync(SocketOptions.IPPROTO_TCP, SocketOptions.TCP_NODELAY, 1);
                connection.receiveEach(buffers, this).done().whenComplete((bytes, error) -> connection.closeAsync());
            } catch (IOException e) {
                connection.closeAsync();
            }
        }

        @Override
        public void accept(MemorySegment data) {
            long n = data.byteSize();
            if (pending + n > out.byteSize()) {
                // a send in flight keeps reading the old buffer, which its Send (held by the loop) keeps reachable
                MemorySegment bigger = Arena.ofAuto().allocate(Math.max(out.byteSize() * 2, pending + n));
                MemorySegment.copy(out, 0, bigger, 0, pending);
                out = bigger;
                send = new Send(send.fd(), out).msgFlags(MsgFlags.MSG_NOSIGNAL);
            }
            MemorySegment.copy(data, 0, out, pending, n);
            pending += n;
            if (!sending) {
                send();
            }
        }

        private void send() {
            sending = true;
            try {
                connection.submitCallback(send.length(pending), this, 0);
            } catch (ClosedChannelException e) {
                sending = false;
            }
        }

        /** A send has ended: {@code result} bytes went, or {@code -errno}. */
        @Override
        public void completed(long context, int result, int flags) {
            if (result < 0) {
                sending = false;
                connection.closeAsync(); // on the loop thread close() only starts closing too
                return;
            }
            long rest = pending - result;
            if (rest > 0) {
                MemorySegment.copy(out, result, out, 0, rest);
            }
            pending = rest;
            if (rest > 0) {
                send();
            } else {
                sending = false;
            }
        }
    }
}
