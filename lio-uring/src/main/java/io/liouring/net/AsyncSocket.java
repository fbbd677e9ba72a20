package io.liouring.net;

import io.liouring.Fd;
import io.liouring.SocketOptions;
import io.liouring.SocketType;
import io.liouring.SqeFlags;
import io.liouring.Operation;
import io.liouring.async.EventLoop;
import io.liouring.async.FdHandle;
import io.liouring.async.IoFuture;
import io.liouring.async.RequestCallback;
import io.liouring.async.ResultMapper;
import io.liouring.internal.IoErrors;
import io.liouring.internal.SocketNames;
import io.liouring.operation.GetSockOpt;
import io.liouring.operation.SetSockOpt;
import io.liouring.operation.Socket;
import io.liouring.struct.SockAddr;

import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A socket whose requests go through an {@link EventLoop}: what {@link Connection}, {@link Listener} and
 * {@link DatagramSocket} share — the descriptor, owned through an {@link FdHandle}; socket options
 * ({@code SOCKET_URING_OP_SETSOCKOPT}, Linux 6.7); the local address; and close.
 *
 * <p><b>Threads.</b> Any thread may call any method at any time, {@link #close()} included, and blocking calls
 * park virtual threads without holding their carrier. Once {@code close()} has begun, new calls fail with
 * {@link ClosedChannelException}, calls in progress fail with {@link AsynchronousCloseException}, and the
 * descriptor is closed only after the kernel has released every request on it — so a request of this socket
 * never reaches a descriptor number that has been reused by another. Nothing blocks on the loop thread: a
 * blocking call there throws {@link IllegalStateException}, and {@code close()} there starts the close and
 * returns. An interrupt of a thread blocked in a call cancels the call's request in the kernel and, once the kernel
 * has let go of it, throws {@link java.io.InterruptedIOException} with the thread's interrupt status set (a request
 * that completed meanwhile returns its result); the socket stays open, unlike the JDK's interruptible channels,
 * which close.
 *
 * <p><b>Errors</b> are {@link IOException}s: the JDK's {@link java.net.SocketException} family where one fits
 * ({@code ConnectException}, {@code BindException}, {@code NoRouteToHostException}, {@code SocketTimeoutException}),
 * naming the address. The {@link io.liouring.UringException} that carries the errno is the cause of the exception a
 * future fails with; a blocking call throws a fresh exception of the same type, with the caller's frames and the
 * future's exception as its cause, so there the {@code UringException} is the cause's cause (the last link of the
 * chain in both).
 */
public abstract sealed class AsyncSocket implements AutoCloseable permits Connection, Listener, DatagramSocket {
    static final SqeFlags NO_FLAGS = SqeFlags.NONE;

    final EventLoop loop;
    final FdHandle handle;
    final int fd;
    /** Maps a request's result: the byte count or descriptor, or a {@link SocketException} naming this socket. */
    final ResultMapper<Integer> results;

    AsyncSocket(EventLoop loop, int fd) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.handle = FdHandle.of(loop, fd);
        this.fd = fd;
        this.results = (op, userData, result, flags) -> {
            if (result < 0) {
                throw IoErrors.socket(callName(op), this, result);
            }
            return result;
        };
    }

    /** Creates a socket through the ring ({@code IORING_OP_SOCKET}, 5.19), always close-on-exec. */
    static int open(EventLoop loop, int family, int type) throws IOException {
        loop.checkNotLoopThread("socket");
        IoFuture<Integer> socket = loop.submit(new Socket(family, type | SocketType.SOCK_CLOEXEC, 0), NO_FLAGS, null,
                (op, userData, result, flags) -> {
                    if (result < 0) {
                        throw IoErrors.socket("socket", "family " + family, result);
                    }
                    return result;
                });
        closeIfAbandoned(socket);
        return IoErrors.await(socket);
    }

    /** The name of an operation for messages: {@code Recv} becomes {@code recv}. */
    static String callName(Operation op) {
        return op.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
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

    /** {@return the loop this socket's requests go through} */
    public EventLoop loop() {
        return loop;
    }

    /**
     * {@return the socket's file descriptor, for calls outside the ring while the socket is open} The number may belong
     * to another file as soon as {@link #close()} has completed.
     *
     * @throws ClosedChannelException if the socket is closed
     */
    public int fd() throws ClosedChannelException {
        ensureOpen();
        return fd;
    }

    /**
     * Submits a request of the caller's on this socket's descriptor ({@link #fd()}), reporting its end to
     * {@code callback} instead of a future ({@link FdHandle#submitCallback}): a caller that keeps its operation and
     * its callback (one {@code Send} per connection whose length it sets before each send, say) submits without
     * allocating. The request counts as this socket's, so {@link #close()} cancels it (the callback then gets
     * {@code -ECANCELED}) and closes the descriptor only after the kernel has released it. The callback gets the
     * kernel's raw result ({@code -errno} on failure) on the loop thread and must not block; a send should carry
     * {@code MSG_NOSIGNAL}, as {@link Connection#write} does.
     *
     * @param operation a request on {@link #fd()}; it must stay unchanged, with its memory open, until the callback runs
     * @param callback gets the completion's result and flags, once, on the loop thread
     * @param context given back to {@code callback} as it is
     * @throws ClosedChannelException if the socket is closed or closing (the callback is then never called)
     * @throws io.liouring.async.EventLoopClosedException if the loop is closed (the callback is then never called)
     */
    public void submitCallback(Operation operation, RequestCallback callback, long context)
            throws ClosedChannelException {
        handle.submitCallback(operation, NO_FLAGS, callback, context);
    }

    /**
     * {@return the address this socket is bound to ({@code getsockname(2)})}
     *
     * @throws IOException if {@code getsockname} fails, or {@link ClosedChannelException} if the socket is closed
     */
    public SockAddr localAddress() throws IOException {
        return withDescriptor(() -> SocketNames.local(fd));
    }

    /**
     * Runs a direct system call on the descriptor while holding a reference to it, so that a concurrent
     * {@link #close()} cannot hand the number to someone else meanwhile.
     */
    final <T> T withDescriptor(java.util.function.Supplier<T> call) throws IOException {
        try {
            return handle.withDescriptor(fd -> call.get());
        } catch (io.liouring.UringException e) {
            throw IoErrors.socket(e.call(), this, -e.errnoNumber());
        }
    }

    /**
     * Sets an int-valued socket option through the ring ({@code setsockopt(2)} as {@code URING_CMD}, 6.7),
     * e.g. {@code SocketOptions.SOL_SOCKET, SocketOptions.SO_RCVBUF}.
     *
     * @param level the protocol level, e.g. {@code SocketOptions.SOL_SOCKET} or {@code IPPROTO_TCP}
     * @param name the option at that level, e.g. {@code SocketOptions.SO_RCVBUF}
     * @param value the option's int value (0/1 for on/off options)
     * @throws IOException a {@link java.net.SocketException} naming the errno (ENOPROTOOPT: no such option; EOPNOTSUPP
     * before 6.7), or {@link ClosedChannelException} if the socket is closed
     */
    public void setOption(int level, int name, int value) throws IOException {
        loop.checkNotLoopThread("AsyncSocket.setOption");
        IoErrors.await(setOptionAsync(level, name, value));
    }

    /**
     * {@link #setOption} as a future, for the loop thread (a callback setting up an accepted connection, say).
     *
     * @param level the protocol level, e.g. {@code SocketOptions.SOL_SOCKET}
     * @param name the option at that level
     * @param value the option's int value
     * @return a future of 0, failing with the exception {@link #setOption} throws
     */
    public IoFuture<Integer> setOptionAsync(int level, int name, int value) {
        return handle.submit(SetSockOpt.ofInt(fd, level, name, value), NO_FLAGS, null, results);
    }

    /**
     * Reads an int-valued {@code SOL_SOCKET} option through the ring ({@code getsockopt(2)} as {@code URING_CMD}, 6.7).
     *
     * @param name a {@code SOL_SOCKET} option, e.g. {@code SocketOptions.SO_RCVBUF}
     * @return the option's value as the kernel reports it
     * @throws IOException a {@link java.net.SocketException} naming the errno, or {@link ClosedChannelException} if the
     * socket is closed
     */
    public int getOption(int name) throws IOException {
        loop.checkNotLoopThread("AsyncSocket.getOption");
        GetSockOpt get = GetSockOpt.ofInt(fd, SocketOptions.SOL_SOCKET, name);
        IoErrors.await(handle.submit(get, NO_FLAGS, null, results));
        return get.intValue();
    }

    /**
     * {@code SO_RCVBUF}: the kernel's receive buffer (it reports twice what was set, for its bookkeeping).
     *
     * @param bytes the requested size; the kernel clamps it to {@code net.core.rmem_max}
     * @throws IOException as {@link #setOption} throws it
     */
    public void setReceiveBufferSize(int bytes) throws IOException {
        setOption(SocketOptions.SOL_SOCKET, SocketOptions.SO_RCVBUF, bytes);
    }

    /**
     * {@code SO_SNDBUF}: the kernel's send buffer.
     *
     * @param bytes the requested size; the kernel clamps it to {@code net.core.wmem_max} and doubles it
     * @throws IOException as {@link #setOption} throws it
     */
    public void setSendBufferSize(int bytes) throws IOException {
        setOption(SocketOptions.SOL_SOCKET, SocketOptions.SO_SNDBUF, bytes);
    }

    /**
     * {@code SO_REUSEADDR}: bind to an address in TIME_WAIT. Set before binding.
     *
     * @param on whether to allow it
     * @throws IOException as {@link #setOption} throws it
     */
    public void setReuseAddress(boolean on) throws IOException {
        setOption(SocketOptions.SOL_SOCKET, SocketOptions.SO_REUSEADDR, on ? 1 : 0);
    }

    /**
     * {@code SO_REUSEPORT}: let several sockets bind the same port (the kernel spreads the load). Set before binding.
     *
     * @param on whether to allow it
     * @throws IOException as {@link #setOption} throws it
     */
    public void setReusePort(boolean on) throws IOException {
        setOption(SocketOptions.SOL_SOCKET, SocketOptions.SO_REUSEPORT, on ? 1 : 0);
    }

    /**
     * Closes the socket, from any thread: new calls fail with {@link ClosedChannelException}, requests in
     * flight are cancelled and fail with {@link AsynchronousCloseException}, and the descriptor is closed once
     * the kernel has released the last of them ({@link FdHandle}). Waits for that, except on the loop thread,
     * where it only starts the close ({@link #closeAsync()} tells when it is done). Idempotent.
     */
    @Override
    public void close() throws IOException {
        try {
            handle.close();
        } catch (io.liouring.UringException e) {
            throw IoErrors.socket("close", this, -e.errnoNumber());
        }
    }

    /** Closes a socket whose set-up failed with {@code failure}, keeping a failure of the close as suppressed. */
    final void closeAfterFailure(Throwable failure) {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Starts {@link #close()} without waiting; the future completes when the descriptor is closed.
     *
     * @return a future that completes when the descriptor is closed (at once if it already was)
     */
    public CompletableFuture<Void> closeAsync() {
        return handle.closeAsync();
    }

    /** {@return whether {@link #close()} has begun} */
    public boolean isClosed() {
        return !handle.isOpen();
    }

    final void ensureOpen() throws ClosedChannelException {
        if (!handle.isOpen()) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[fd=" + fd + (handle.isOpen() ? "" : ", closed") + "]";
    }
}
