package io.liouring.nio.channels;

import io.liouring.AddressFamily;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.Operation;
import io.liouring.SocketType;
import io.liouring.SqeFlags;
import io.liouring.UringException;
import io.liouring.async.EventLoop;
import io.liouring.async.EventLoopClosedException;
import io.liouring.async.FdHandle;
import io.liouring.async.IoFuture;
import io.liouring.async.RequestCallback;
import io.liouring.async.ResultMapper;
import io.liouring.internal.IoErrors;
import io.liouring.MsgFlags;
import io.liouring.internal.SocketCalls;
import io.liouring.internal.SocketNames;
import io.liouring.internal.SocketOptionCalls;
import io.liouring.operation.Bind;
import io.liouring.operation.Listen;
import io.liouring.operation.Socket;
import io.liouring.struct.SockAddr;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedChannelException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The TCP socket under a channel: its descriptor, owned through an {@link FdHandle} on one of the group's loops
 * (so a close at any moment never lets a request reach a reused descriptor number), and the calls that both
 * channel kinds make on it — {@code socket}, {@code bind} and {@code listen} through the ring; {@code shutdown},
 * {@code setsockopt}, {@code getsockopt} and the local and peer addresses ({@code getsockname}/{@code getpeername})
 * as direct calls, which never block. Blocking calls here run on the caller's thread, never on the loop thread.
 */
final class SocketDescriptor {
    private static final SqeFlags NONE = SqeFlags.NONE;
    /** The family new sockets get: IPv6 (dual-stack) unless the JDK is told IPv4 only, or the kernel has no IPv6. */
    private static volatile int preferredFamily = Boolean.getBoolean("java.net.preferIPv4Stack")
            ? AddressFamily.AF_INET : AddressFamily.AF_INET6;

    private final FdHandle handle;
    private final int family;

    private SocketDescriptor(FdHandle handle, int family) {
        this.handle = handle;
        this.family = family;
    }

    /**
     * A new, unbound TCP socket on {@code loop} ({@code IORING_OP_SOCKET}, or a direct {@code socket(2)} where the
     * caller may not wait for a ring: see {@link #mayNotWait}), close-on-exec.
     */
    static SocketDescriptor open(EventLoop loop) throws IOException {
        int family = preferredFamily;
        try {
            return new SocketDescriptor(FdHandle.of(loop, createSocket(loop, family)), family);
        } catch (java.net.SocketException e) {
            if (family == AddressFamily.AF_INET6 && e.getCause() instanceof UringException u
                    && u.errno() == Errno.EAFNOSUPPORT) {
                preferredFamily = AddressFamily.AF_INET;
                return new SocketDescriptor(FdHandle.of(loop, createSocket(loop, AddressFamily.AF_INET)),
                        AddressFamily.AF_INET);
            }
            throw e;
        }
    }

    /** Takes over a socket the kernel gave us (an accepted connection) of {@code family}. */
    static SocketDescriptor of(EventLoop loop, int fd, int family) {
        return new SocketDescriptor(FdHandle.of(loop, fd), family);
    }

    /**
     * Whether the calling thread may not wait for a ring: an event loop's, such as a fixed group's thread running a
     * handler. A handler may open and bind channels (a proxy's accept handler opens the upstream connection, as the
     * JDK's groups allow), so there {@code socket}, {@code bind} and {@code listen} are direct calls, which never
     * block, instead of ring requests to wait for.
     */
    private static boolean mayNotWait(EventLoop loop) {
        return loop.inLoop() || LioChannelGroup.onLoopThread();
    }

    private static int createSocket(EventLoop loop, int family) throws IOException {
        int type = SocketType.SOCK_STREAM | SocketType.SOCK_CLOEXEC;
        if (mayNotWait(loop)) {
            int fd = SocketCalls.socket(family, type, 0);
            if (fd < 0) {
                throw IoErrors.socket("socket", "family " + family, fd);
            }
            return fd;
        }
        IoFuture<Integer> socket = loop.submit(new Socket(family, type, 0),
                NONE, null, (op, userData, result, flags) -> {
                    if (result < 0) {
                        throw IoErrors.socket("socket", "family " + family, result);
                    }
                    return result;
                });
        closeIfAbandoned(socket);
        return awaitUninterruptibly(socket);
    }

    /**
     * {@link IoErrors#await}, except that the caller's interrupt status neither cuts the wait short nor cancels the
     * request: asynchronous channels are not interruptible, and the JDK's {@code open}, {@code bind} (and
     * {@code listen}) complete whatever the status, which they leave set. So does this.
     */
    private static <T> T awaitUninterruptibly(IoFuture<T> request) throws IOException {
        boolean interrupted = false;
        while (!request.isDone()) {
            try {
                request.get();
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (java.util.concurrent.ExecutionException e) {
                break; // reported below
            }
        }
        request.awaitRelease(); // keeps an interrupt for the caller
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return IoErrors.await(request); // done and released: does not wait
    }

    /**
     * If a request that creates a descriptor (socket, accept) fails or is cancelled after the kernel created one,
     * nobody will ever own it: it is closed once the kernel has released the request.
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

    EventLoop loop() {
        return handle.loop();
    }

    int family() {
        return family;
    }

    /** The descriptor number, for operations given to {@link #submit}. */
    int fd() {
        return handle.fd();
    }

    boolean isOpen() {
        return handle.isOpen();
    }

    /** Submits a request on this socket; it holds the descriptor until the kernel releases it. */
    <T> IoFuture<T> submit(Operation operation, Duration timeout, ResultMapper<T> mapper) {
        return handle.submit(operation, NONE, timeout, mapper);
    }

    /**
     * Submits a request on this socket without a future ({@link FdHandle#submitCallback}): {@code callback} gets
     * {@code context} and the kernel's result on the loop thread once the kernel has released the request
     * ({@code -ECANCELED} if a close or the loop's end cancelled it).
     *
     * @throws ClosedChannelException if closing has begun, or the loop has ended (the callback is never called)
     */
    void submitCallback(Operation operation, RequestCallback callback, long context) throws ClosedChannelException {
        try {
            handle.submitCallback(operation, NONE, callback, context);
        } catch (EventLoopClosedException loopEnded) {
            ClosedChannelException closed = new ClosedChannelException();
            closed.initCause(loopEnded);
            throw closed;
        }
    }

    /** What {@link #tryNow} returns when the socket has nothing to give or no room: the ring must wait for it. */
    static final long WOULD_BLOCK = Long.MIN_VALUE;

    /**
     * Tries a receive ({@code read}) or a send on the calling thread without blocking ({@code MSG_DONTWAIT}
     * {@code recv(2)}/{@code send(2)}, sends with {@code MSG_NOSIGNAL}), holding the descriptor meanwhile.
     *
     * @return the bytes moved (0 from a receive: end of stream), or {@link #WOULD_BLOCK} — also when a close has
     *         begun, so that the ring path reports the close
     * @throws IOException the JDK's socket exception for any other failure, naming {@code peer}
     */
    long tryNow(boolean read, MemorySegment buffer, Object peer) throws IOException {
        long r;
        try {
            r = handle.withDescriptor(fd -> read
                    ? SocketCalls.recv(fd, buffer, MsgFlags.MSG_DONTWAIT)
                    : SocketCalls.send(fd, buffer, MsgFlags.MSG_DONTWAIT | MsgFlags.MSG_NOSIGNAL));
        } catch (ClosedChannelException closing) {
            return WOULD_BLOCK;
        }
        if (r >= 0) {
            return r;
        }
        if (r == -Errno.EAGAIN.number() || r == -Errno.EINTR.number()) {
            return WOULD_BLOCK;
        }
        throw JdkSocketErrors.ofTransfer(read, peer, (int) r);
    }

    /**
     * Binds to {@code address} ({@code bind(2)} through the ring, Linux 6.11; a direct call where the caller may not
     * wait for a ring).
     */
    void bind(InetSocketAddress address) throws IOException {
        SockAddr kernel = address == null ? InetAddresses.anyLocal(family) : InetAddresses.toKernel(address, family);
        Object named = address == null ? kernel : address;
        if (mayNotWait(loop())) {
            int r = handle.withDescriptor(fd -> SocketCalls.bind(fd, kernel.segment(), kernel.length()));
            if (r < 0) {
                throw JdkSocketErrors.ofAddress("bind", named, r);
            }
            return;
        }
        awaitUninterruptibly(submit(new Bind(fd(), kernel), null, (op, userData, result, flags) -> {
            if (result < 0) {
                throw JdkSocketErrors.ofAddress("bind", named, result);
            }
            return result;
        }));
    }

    /**
     * Listens with {@code backlog} ({@code listen(2)} through the ring, Linux 6.11; a direct call where the caller
     * may not wait for a ring).
     */
    void listen(int backlog) throws IOException {
        if (mayNotWait(loop())) {
            int r = handle.withDescriptor(fd -> SocketCalls.listen(fd, backlog));
            if (r < 0) {
                throw IoErrors.socket("listen", this, r);
            }
            return;
        }
        awaitUninterruptibly(submit(new Listen(fd(), backlog), null, failureNaming("listen")));
    }

    /**
     * {@code shutdown(2)} of one direction ({@code SHUT_RD}/{@code SHUT_WR}), as a direct call: it never blocks,
     * so a handler on a fixed group's loop thread (which must not wait for the ring) may call it.
     */
    void shutdown(int how) throws IOException {
        int r = handle.withDescriptor(fd -> SocketCalls.shutdown(fd, how));
        if (r < 0 && r != -Errno.ENOTCONN.number()) { // the peer already went: nothing to shut
            throw IoErrors.socket("shutdown", this, r);
        }
    }

    /**
     * {@code setsockopt(2)} of an int option, as a direct call: it only stores a value in the socket, so it never
     * blocks, and a handler on a fixed group's loop thread (which must not wait for the ring) may call it.
     */
    void setIntOption(int level, int name, int value) throws IOException {
        try {
            handle.withDescriptor(fd -> {
                SocketOptionCalls.setInt(fd, level, name, value);
                return null;
            });
        } catch (UringException e) {
            throw IoErrors.socket("setsockopt", this, -e.errnoNumber());
        }
    }

    /**
     * {@code getsockopt(2)} of an int option, as a direct call: the ring's form takes only {@code SOL_SOCKET},
     * and the call never blocks.
     */
    int getIntOption(int level, int name) throws IOException {
        try {
            return handle.withDescriptor(fd -> SocketOptionCalls.getInt(fd, level, name));
        } catch (UringException e) {
            throw IoErrors.socket("getsockopt", this, -e.errnoNumber());
        }
    }

    /** The address the socket is bound to ({@code getsockname(2)}). */
    InetSocketAddress localAddress() throws IOException {
        return name(true);
    }

    /** The peer's address ({@code getpeername(2)}). */
    InetSocketAddress peerAddress() throws IOException {
        return name(false);
    }

    private InetSocketAddress name(boolean local) throws IOException {
        try {
            SockAddr a = handle.withDescriptor(fd -> local ? SocketNames.local(fd) : SocketNames.peer(fd));
            return InetAddresses.fromKernel(a);
        } catch (UringException e) {
            throw IoErrors.socket(e.call(), this, -e.errnoNumber());
        }
    }

    /** Starts closing: pending requests fail, the descriptor is closed after the kernel released the last. */
    CompletableFuture<Void> closeAsync() {
        return handle.closeAsync();
    }

    /** A mapper that fails with the JDK's socket exception naming {@code call}. */
    ResultMapper<Integer> failureNaming(String call) {
        return (op, userData, result, flags) -> {
            if (result < 0) {
                throw IoErrors.socket(call, this, result);
            }
            return result;
        };
    }

    @Override
    public String toString() {
        return "socket[fd=" + handle.fd() + (handle.isOpen() ? "" : ", closed") + "]";
    }
}
