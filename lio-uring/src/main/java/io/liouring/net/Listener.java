package io.liouring.net;

import io.liouring.AddressFamily;
import io.liouring.Completion;
import io.liouring.Fd;
import io.liouring.SocketOptions;
import io.liouring.SocketType;
import io.liouring.UringException;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.operation.Accept;
import io.liouring.operation.AcceptMulti;
import io.liouring.operation.Bind;
import io.liouring.operation.Listen;
import io.liouring.operation.SetSockOpt;
import io.liouring.struct.SockAddr;

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

    /** Binds to {@code address} with {@link #DEFAULT_BACKLOG}; IP listeners get {@code SO_REUSEADDR}. Port 0 picks a free port. */
    public static Listener bind(EventLoop loop, SockAddr address) {
        return bind(loop, address, DEFAULT_BACKLOG);
    }

    /** Binds to {@code address} and listens with {@code backlog}; IP listeners get {@code SO_REUSEADDR}. */
    public static Listener bind(EventLoop loop, SockAddr address, int backlog) {
        Objects.requireNonNull(address, "address");
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog must not be negative: " + backlog);
        }
        int fd = open(loop, address.family(), SocketType.SOCK_STREAM);
        try {
            if (address.family() != AddressFamily.AF_UNIX) {
                loop.callResult(SetSockOpt.ofInt(fd, SocketOptions.SOL_SOCKET, SocketOptions.SO_REUSEADDR, 1));
            }
            loop.submit(new Bind(fd, address), NO_FLAGS, null, (op, userData, result, flags) -> {
                if (result < 0) {
                    throw new UringException("bind(" + address + ")", -result);
                }
                return result;
            }).await();
            loop.callResult(new Listen(fd, backlog));
            return new Listener(loop, fd);
        } catch (RuntimeException | Error e) {
            Fd.close(fd);
            throw e;
        }
    }

    /** Waits for the next connection. */
    public Connection accept() {
        return acceptAsync().await();
    }

    /** The next connection, as a future; cancelling it cancels the accept in the kernel. */
    public IoFuture<Connection> acceptAsync() {
        ensureOpen();
        IoFuture<Connection> accepted = loop.submit(new Accept(fd).flags(SocketType.SOCK_CLOEXEC), NO_FLAGS, null,
                (op, userData, result, flags) -> {
                    if (result < 0) {
                        throw new UringException("accept(fd=" + fd + ")", -result);
                    }
                    return new Connection(loop, result);
                });
        closeIfAbandoned(accepted);
        return accepted;
    }

    /**
     * Accepts every connection with one multishot request: {@code handler} gets each on the loop thread and
     * must not block (hand it to a virtual thread). The future completes when the request ends — with its last
     * completion, or failed if the handler threw — and cancelling it stops accepting.
     */
    public IoFuture<Completion> acceptEach(Consumer<Connection> handler) {
        Objects.requireNonNull(handler, "handler");
        ensureOpen();
        return loop.submitMultishot(new AcceptMulti(fd).flags(SocketType.SOCK_CLOEXEC), (userData, result, flags) -> {
            if (result >= 0) {
                handler.accept(new Connection(loop, result));
            }
        });
    }
}
