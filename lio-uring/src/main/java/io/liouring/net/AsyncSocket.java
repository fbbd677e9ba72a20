package io.liouring.net;

import io.liouring.Fd;
import io.liouring.SocketOptions;
import io.liouring.SocketType;
import io.liouring.SqeFlags;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.internal.SocketNames;
import io.liouring.operation.GetSockOpt;
import io.liouring.operation.SetSockOpt;
import io.liouring.operation.Socket;
import io.liouring.struct.SockAddr;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A socket whose requests go through an {@link EventLoop}: what {@link Connection}, {@link Listener} and
 * {@link DatagramSocket} share — the fd, socket options ({@code SOCKET_URING_OP_SETSOCKOPT}, Linux 6.7), the
 * local address, and a close that first cancels every request still waiting on the socket.
 *
 * <p>Any thread may use a socket; blocking calls park virtual threads without holding their carrier. Do not
 * use a socket after {@link #close()}: its fd number may already belong to something else, which is why
 * every call checks.
 */
public abstract sealed class AsyncSocket implements AutoCloseable permits Connection, Listener, DatagramSocket {
    static final SqeFlags NO_FLAGS = SqeFlags.NONE;

    final EventLoop loop;
    final int fd;
    private final AtomicBoolean closed = new AtomicBoolean();

    AsyncSocket(EventLoop loop, int fd) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.fd = fd;
    }

    /** Creates a socket through the ring ({@code IORING_OP_SOCKET}, 5.19), always close-on-exec. */
    static int open(EventLoop loop, int family, int type) {
        IoFuture<Integer> socket = loop.submitResult(new Socket(family, type | SocketType.SOCK_CLOEXEC, 0));
        closeIfAbandoned(socket);
        return socket.await();
    }

    /**
     * If a request that creates an fd (socket, accept) fails or is cancelled after the kernel created the fd
     * anyway, nobody will ever get the fd: close it once the kernel has released the request.
     */
    static void closeIfAbandoned(IoFuture<?> creating) {
        creating.whenComplete((value, error) -> {
            if (error != null) {
                creating.released().thenAccept(kernel -> {
                    if (kernel != null && kernel.result() >= 0) {
                        Fd.close(kernel.result());
                    }
                });
            }
        });
    }

    public EventLoop loop() {
        return loop;
    }

    /** The socket's file descriptor. */
    public int fd() {
        ensureOpen();
        return fd;
    }

    /** The address this socket is bound to ({@code getsockname(2)}). */
    public SockAddr localAddress() {
        ensureOpen();
        return SocketNames.local(fd);
    }

    /**
     * Sets an int-valued socket option through the ring ({@code setsockopt(2)} as {@code URING_CMD}, 6.7),
     * e.g. {@code SocketOptions.SOL_SOCKET, SocketOptions.SO_RCVBUF}.
     */
    public void setOption(int level, int name, int value) {
        ensureOpen();
        loop.callResult(SetSockOpt.ofInt(fd, level, name, value));
    }

    /** Reads an int-valued {@code SOL_SOCKET} option through the ring ({@code getsockopt(2)} as {@code URING_CMD}, 6.7). */
    public int getOption(int name) {
        ensureOpen();
        GetSockOpt get = GetSockOpt.ofInt(fd, SocketOptions.SOL_SOCKET, name);
        loop.callResult(get);
        return get.intValue();
    }

    /** {@code SO_RCVBUF}: the kernel's receive buffer (it reports twice what was set, for its bookkeeping). */
    public void setReceiveBufferSize(int bytes) {
        setOption(SocketOptions.SOL_SOCKET, SocketOptions.SO_RCVBUF, bytes);
    }

    /** {@code SO_SNDBUF}: the kernel's send buffer. */
    public void setSendBufferSize(int bytes) {
        setOption(SocketOptions.SOL_SOCKET, SocketOptions.SO_SNDBUF, bytes);
    }

    /** {@code SO_REUSEADDR}: bind to an address in TIME_WAIT. Set before binding. */
    public void setReuseAddress(boolean on) {
        setOption(SocketOptions.SOL_SOCKET, SocketOptions.SO_REUSEADDR, on ? 1 : 0);
    }

    /** {@code SO_REUSEPORT}: let several sockets bind the same port (the kernel spreads the load). Set before binding. */
    public void setReusePort(boolean on) {
        setOption(SocketOptions.SOL_SOCKET, SocketOptions.SO_REUSEPORT, on ? 1 : 0);
    }

    /**
     * Cancels every request still waiting on this socket, then closes it:
     * {@link EventLoop#cancelAndClose(int)}. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loop.cancelAndClose(fd);
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed.get();
    }

    final void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(getClass().getSimpleName() + " (fd " + fd + ") is closed");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[fd=" + fd + (closed.get() ? ", closed" : "") + "]";
    }
}
