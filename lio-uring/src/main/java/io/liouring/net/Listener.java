package io.liouring.net;

import io.liouring.AddressFamily;
import io.liouring.Completion;
import io.liouring.CompletionHandler;
import io.liouring.SocketType;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.internal.IoErrors;
import io.liouring.operation.Accept;
import io.liouring.operation.AcceptMulti;
import io.liouring.operation.Bind;
import io.liouring.operation.Listen;
import io.liouring.struct.SockAddr;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A listening stream socket — TCP over IPv4 or IPv6, or Unix-domain — created, bound and put to listen through
 * the ring ({@code IORING_OP_SOCKET} 5.19, {@code BIND} and {@code LISTEN} 6.11), accepting one connection at a
 * time or every connection with one multishot request ({@link #acceptEach}, 5.19).
 *
 * <pre>{@code
 * try (Listener listener = Listener.bind(loop, SockAddrIn.any(7007))) {
 *     while (true) {
 *         Connection c = listener.accept();
 *         Thread.startVirtualThread(() -> serve(c));
 *     }
 * }
 * }</pre>
 */
public final class Listener extends AsyncSocket {
    /** The backlog {@link #bind(EventLoop, SockAddr)} asks for (the kernel caps it at {@code net.core.somaxconn}). */
    public static final int DEFAULT_BACKLOG = 4096;

    private Listener(EventLoop loop, int fd) {
        super(loop, fd);
    }

    /**
     * Binds to {@code address} with {@link #DEFAULT_BACKLOG}; IP listeners get {@code SO_REUSEADDR}. Port 0 picks a free port.
     *
     * @param loop the loop that runs the listener's requests and those of the connections it accepts
     * @param address the local address: a {@code SockAddrIn}, {@code SockAddrIn6} or {@code SockAddrUn}
     * @return the listening socket
     * @throws IOException as {@link #bind(EventLoop, SockAddr, int)} throws it
     */
    public static Listener bind(EventLoop loop, SockAddr address) throws IOException {
        return bind(loop, address, DEFAULT_BACKLOG);
    }

    /**
     * Binds to {@code address} and listens with {@code backlog}; IP listeners get {@code SO_REUSEADDR}.
     *
     * @param loop the loop that runs the listener's requests and those of the connections it accepts
     * @param address the local address: a {@code SockAddrIn}, {@code SockAddrIn6} or {@code SockAddrUn}
     * @param backlog pending connections the kernel queues, not negative (capped at {@code net.core.somaxconn})
     * @return the listening socket
     * @throws java.net.BindException if the address is in use or not available
     */
    public static Listener bind(EventLoop loop, SockAddr address, int backlog) throws IOException {
        loop.checkNotLoopThread("Listener.bind");
        Objects.requireNonNull(address, "address");
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog must not be negative: " + backlog);
        }
        Listener listener = new Listener(loop, open(loop, address.family(), SocketType.SOCK_STREAM));
        try {
            if (address.family() != AddressFamily.AF_UNIX) {
                listener.setReuseAddress(true);
            }
            IoErrors.await(listener.handle.submit(new Bind(listener.fd, address), NO_FLAGS, null,
                    (op, userData, result, flags) -> {
                        if (result < 0) {
                            throw IoErrors.socket("bind", address, result);
                        }
                        return result;
                    }));
            IoErrors.await(listener.handle.submit(new Listen(listener.fd, backlog), NO_FLAGS, null, listener.results));
            return listener;
        } catch (IOException | RuntimeException | Error e) {
            listener.closeAfterFailure(e);
            throw e;
        }
    }

    /**
     * Waits for the next connection.
     *
     * @return the accepted connection, on this listener's loop
     * @throws IOException a {@link java.net.SocketException} naming the errno (EMFILE: out of descriptors); {@link
     * java.nio.channels.AsynchronousCloseException} if the listener was closed meanwhile
     */
    public Connection accept() throws IOException {
        loop.checkNotLoopThread("Listener.accept");
        return IoErrors.await(acceptAsync());
    }

    /** {@return the next connection, as a future; cancelling it cancels the accept in the kernel} */
    public IoFuture<Connection> acceptAsync() {
        IoFuture<Connection> accepted = handle.submit(new Accept(fd).flags(SocketType.SOCK_CLOEXEC), NO_FLAGS, null,
                (op, userData, result, flags) -> {
                    if (result < 0) {
                        throw IoErrors.socket("accept", this, result);
                    }
                    return new Connection(loop, result);
                });
        closeIfAbandoned(accepted);
        return accepted;
    }

    /**
     * Accepts every connection with one multishot request: {@code handler} gets each on the loop thread and
     * must not block (hand it to a virtual thread). The future completes when the request ends — with its last
     * completion, or failed if the handler threw — and cancelling it stops accepting. The connection the handler
     * threw on, and any the kernel accepted after that, are closed.
     *
     * @param handler gets each accepted connection on the loop thread and then owns it
     * @return the multishot request: cancel it to stop accepting
     */
    public IoFuture<Completion> acceptEach(Consumer<Connection> handler) {
        Objects.requireNonNull(handler, "handler");
        return handle.submitMultishot(new AcceptMulti(fd).flags(SocketType.SOCK_CLOEXEC), new AcceptEach(handler));
    }

    /** Hands accepted connections to the user's handler until it throws; closes the ones nobody will take. */
    private final class AcceptEach implements CompletionHandler {
        private final Consumer<Connection> handler;
        private Throwable failed;

        AcceptEach(Consumer<Connection> handler) {
            this.handler = handler;
        }

        @Override
        public void onCompletion(long userData, int result, int flags) {
            if (result < 0) {
                return;
            }
            Connection connection = new Connection(loop, result);
            if (failed != null) {
                connection.closeAsync();
                return;
            }
            try {
                handler.accept(connection);
            } catch (Throwable t) {
                failed = t;
                connection.closeAsync(); // the handler failed on it: nobody will close it otherwise
                throw t;
            }
        }
    }
}
