package io.liouring.nio.channels;

import io.liouring.Fd;
import io.liouring.SocketType;
import io.liouring.async.IoFuture;
import io.liouring.operation.Accept;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.AcceptPendingException;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.NotYetBoundException;
import java.nio.channels.ShutdownChannelGroupException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * An {@link AsynchronousServerSocketChannel} on io_uring: bind and listen ({@code IORING_OP_BIND},
 * {@code IORING_OP_LISTEN}), accept ({@code IORING_OP_ACCEPT}, close-on-exec). Behaves as its Javadoc says and, where
 * that leaves a choice, as the JDK's: one accept may be pending at a time; after an accept's {@link Future} was
 * cancelled, further accepts throw {@link IllegalStateException} (the JDK's throws a plain {@link RuntimeException},
 * "Accept not allowed due cancellation"); a connection accepted when the group has been
 * shut down is closed and the accept fails with an {@link IOException} caused by
 * {@link ShutdownChannelGroupException}. A connection the kernel accepted for a request that was cancelled or
 * closed meanwhile is closed, never leaked. As the Javadoc requires, an accept's handler is never run by the
 * thread that started the accept, even when a connection was already waiting: it always goes through the group.
 */
public final class LioServerSocketChannel extends AsynchronousServerSocketChannel implements GroupMember {
    /** The backlog when {@link #bind(SocketAddress, int)} is given less than 1 (the JDK's choice too). */
    static final int DEFAULT_BACKLOG = 50;

    private final LioChannelProvider provider;
    private final LioChannelGroup group;
    private final SocketDescriptor socket;
    /** Once it has begun, an accept that completes fails with AsynchronousCloseException. */
    private final ChannelClose close;
    private final Object lock = new Object();
    private volatile InetSocketAddress localAddress;
    /** Guarded by {@link #lock}. */
    private boolean accepting;
    private boolean acceptKilled;

    LioServerSocketChannel(LioChannelProvider provider, LioChannelGroup group) throws IOException {
        super(provider);
        if (group.isShutdown()) {
            throw new ShutdownChannelGroupException();
        }
        this.provider = provider;
        this.group = group;
        this.socket = SocketDescriptor.open(group.nextLoop());
        this.close = new ChannelClose(group, socket, this);
        try {
            // as the JDK's listening channels on Linux: a restarted server can bind its port while the old
            // connections wait out TIME_WAIT
            SocketOptionCodes.set(socket, SocketOptionCodes.LISTENER_OPTIONS, StandardSocketOptions.SO_REUSEADDR, true);
            group.register(this);
        } catch (IOException | RuntimeException e) {
            socket.closeAsync();
            throw e;
        }
    }

    /**
     * Binds and listens ({@code bind(2)}, {@code listen(2)}); a {@code null} address is the wildcard address with
     * an ephemeral port, a backlog below 1 is {@value #DEFAULT_BACKLOG}. As the JDK's, it is not cut short by the
     * caller's interrupt status, which it leaves set.
     *
     * @throws AlreadyBoundException           if it is bound already
     * @throws UnsupportedAddressTypeException if {@code local} is not an {@link InetSocketAddress}
     * @throws java.nio.channels.UnresolvedAddressException if {@code local} is unresolved
     * @throws ClosedChannelException          if the channel is closed
     */
    @Override
    public LioServerSocketChannel bind(SocketAddress local, int backlog) throws IOException {
        InetSocketAddress address = local == null ? null : InetAddresses.check(local);
        synchronized (lock) {
            ensureOpen();
            if (localAddress != null) {
                throw new AlreadyBoundException();
            }
            socket.bind(address);
            socket.listen(backlog < 1 ? DEFAULT_BACKLOG : backlog);
            localAddress = socket.localAddress();
        }
        return this;
    }

    /**
     * Sets a socket option ({@code setsockopt(2)}, a direct call: a handler on a fixed group's loop may set options).
     *
     * @throws UnsupportedOperationException if it is not in {@link #supportedOptions()}
     * @throws IllegalArgumentException      if the value is not valid for it
     * @throws ClosedChannelException        if the channel is closed
     */
    @Override
    public <T> LioServerSocketChannel setOption(SocketOption<T> name, T value) throws IOException {
        SocketOptionCodes.set(socket, SocketOptionCodes.LISTENER_OPTIONS, name, value);
        return this;
    }

    /**
     * Reads a socket option ({@code getsockopt(2)}, a direct call).
     *
     * @throws UnsupportedOperationException if it is not in {@link #supportedOptions()}
     * @throws ClosedChannelException        if the channel is closed
     */
    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return SocketOptionCodes.get(socket, SocketOptionCodes.LISTENER_OPTIONS, name);
    }

    /**
     * {@code SO_RCVBUF}, {@code SO_REUSEADDR}, {@code SO_REUSEPORT}, and {@code jdk.net.ExtendedSocketOptions}
     * {@code TCP_KEEPIDLE}, {@code TCP_KEEPINTERVAL}, {@code TCP_KEEPCOUNT} and {@code TCP_QUICKACK}, as the JDK's.
     */
    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return SocketOptionCodes.LISTENER_OPTIONS;
    }

    /**
     * The address the socket is bound to, or {@code null} if it is not bound.
     *
     * @throws ClosedChannelException if the channel is closed
     */
    @Override
    public SocketAddress getLocalAddress() throws IOException {
        ensureOpen();
        return localAddress;
    }

    /**
     * Accepts a connection; the handler gets the new channel, in this channel's group.
     *
     * @throws AcceptPendingException if an accept is pending
     * @throws NotYetBoundException   if the channel is not bound
     * @throws IllegalStateException  if an earlier accept's future was cancelled
     */
    @Override
    public <A> void accept(A attachment, CompletionHandler<AsynchronousSocketChannel, ? super A> handler) {
        Objects.requireNonNull(handler, "'handler' is null"); // the JDK's message
        accept(HandlerOutcome.neverDirect(group, handler, attachment));
    }

    /** {@link #accept(Object, CompletionHandler)} as a {@link Future}. */
    @Override
    public Future<AsynchronousSocketChannel> accept() {
        OperationFuture<AsynchronousSocketChannel> future = new OperationFuture<>(this::acceptCancelled);
        accept(future);
        return future;
    }

    private void accept(Outcome<AsynchronousSocketChannel> outcome) {
        if (!socket.isOpen()) {
            outcome.fail(new ClosedChannelException());
            return;
        }
        if (localAddress == null) {
            throw new NotYetBoundException();
        }
        synchronized (lock) {
            if (acceptKilled) {
                throw new IllegalStateException("Accept not allowed due to cancellation");
            }
            if (accepting) {
                throw new AcceptPendingException();
            }
            accepting = true;
        }
        IoFuture<Integer> request;
        try {
            request = socket.submit(new Accept(socket.fd()).flags(SocketType.SOCK_CLOEXEC), null,
                    socket.failureNaming("accept"));
        } catch (RuntimeException | Error e) {
            endAccept();
            throw e;
        }
        SocketDescriptor.closeIfAbandoned(request);
        if (outcome instanceof OperationFuture<?> future) {
            future.attach(request);
        }
        request.whenComplete((fd, error) -> {
            endAccept();
            if (error != null) {
                outcome.fail(LioSocketChannel.javaFailure(error));
                return;
            }
            if (outcome.isCancelled()) {
                Fd.close(fd); // nobody will take it
                return;
            }
            if (close.begun()) {
                Fd.close(fd);
                outcome.fail(new java.nio.channels.AsynchronousCloseException());
                return;
            }
            LioSocketChannel channel;
            try {
                channel = LioSocketChannel.accepted(provider, group, fd, socket.family());
            } catch (ShutdownChannelGroupException e) { // the new connection has been closed
                outcome.fail(new IOException(e));
                return;
            } catch (IOException | RuntimeException e) {
                outcome.fail(e);
                return;
            }
            outcome.succeed(channel);
        });
    }

    private void endAccept() {
        synchronized (lock) {
            accepting = false;
        }
    }

    private void acceptCancelled(boolean mayInterruptIfRunning) {
        synchronized (lock) {
            acceptKilled = true;
        }
        if (mayInterruptIfRunning) {
            closeForShutdown();
        }
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!socket.isOpen()) {
            throw new ClosedChannelException();
        }
    }

    /** Whether the channel is open. */
    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    /**
     * Closes the channel: a pending accept fails with {@link java.nio.channels.AsynchronousCloseException}; the
     * descriptor is closed once the kernel has released it, and this waits for that (except on a loop thread).
     */
    @Override
    public void close() throws IOException {
        close.closeAndWait();
    }

    /**
     * Marks the channel closing for the group's {@code shutdownNow()}: what completes from now on fails with
     * {@code AsynchronousCloseException}.
     */
    @Override
    public void markClosing() {
        close.mark();
    }

    /** Starts closing without waiting. */
    @Override
    public void closeForShutdown() {
        close.start();
    }


    /**
     * The class and the state in the words of the JDK's channel, which applications log: {@code [closed]},
     * {@code [unbound]}, or the local address.
     */
    @Override
    public String toString() {
        InetSocketAddress local = localAddress;
        return getClass().getName() + "[" + (!isOpen() ? "closed" : local == null ? "unbound" : local) + "]";
    }
}
