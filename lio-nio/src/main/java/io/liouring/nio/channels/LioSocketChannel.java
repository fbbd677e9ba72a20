package io.liouring.nio.channels;

import io.liouring.Errno;
import io.liouring.ShutdownHow;
import io.liouring.async.EventLoopClosedException;
import io.liouring.async.IoFuture;
import io.liouring.async.RequestCallback;
import io.liouring.async.ResultMapper;
import io.liouring.operation.Connect;
import io.liouring.nio.internal.LendableMemory;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.ReadPendingException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.nio.channels.WritePendingException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * An {@link AsynchronousSocketChannel} on io_uring: connect ({@code IORING_OP_CONNECT}), read
 * ({@code IORING_OP_RECV}, {@code READV} to scatter), write ({@code IORING_OP_SEND}, {@code SENDMSG} to gather,
 * with {@code MSG_NOSIGNAL}), timeouts as linked timeouts; shutdown and options as direct calls.
 *
 * <p>Behaves as the {@code AsynchronousSocketChannel} Javadoc says, exception types included, and as the JDK's
 * channel where the Javadoc leaves a choice: one read and one write may be pending at a time; after a read or
 * write has timed out or been cancelled, further reads (writes) throw {@link IllegalStateException}, since bytes
 * may have been transferred; a failed connect closes the channel; a read after {@link #shutdownInput()} completes
 * with -1 at once. What was pending at {@link #close()} fails with {@link AsynchronousCloseException}; the
 * descriptor is given back only after the kernel has released every request (see
 * {@link io.liouring.async.FdHandle}), so no byte of this channel reaches a descriptor number reused by another.
 *
 * <p><b>Trying first.</b> A single-buffer read or write is first tried on the calling thread without blocking
 * ({@code MSG_DONTWAIT}), as the JDK's channels do: if the bytes or the room are there, it completes at once and
 * its handler runs directly when the caller is one of the group's handler threads (see {@link LioChannelGroup});
 * only an operation that would block goes to the ring. After a read found nothing, reads go straight to the ring
 * until one fills its buffer. A write from the channel's own event-loop thread (a handler of a fixed group) goes to
 * the ring at once: the loop submits it with everything else of its pass in one {@code io_uring_enter}, where a
 * direct {@code send} would cost a system call per write (benchmark P9: 1.44× instead of 1.26× the JDK's requests
 * per server CPU-second at 100 connections, level at one connection).
 *
 * <p><b>Differences from the JDK's channel</b> (JDK 25, outside what the Javadoc specifies): an option can still
 * be set after {@link #shutdownOutput()} (the JDK's throws {@code IOException: Connection has been shutdown for
 * writing}); a negative {@code jdk.net} keep-alive value ({@code TCP_KEEPIDLE}, {@code TCP_KEEPINTERVAL},
 * {@code TCP_KEEPCOUNT}) is an {@link IllegalArgumentException}, as {@code NetworkChannel.setOption} names for an
 * invalid value (the JDK's passes it to the kernel and throws {@code SocketException: Invalid argument}); a value the
 * kernel refuses is a {@code SocketException} naming the call and errno ({@code setsockopt ...: Invalid argument
 * (EINVAL)}); a read or write given a timeout with a {@code null} unit throws {@link NullPointerException} at once.
 *
 * <p><b>Buffers.</b> In the ring, direct buffers go to the kernel without a copy and heap buffers through bounded
 * pooled native memory, at most 64 KiB per operation (see {@link BufferStage}); the attempt on the calling thread
 * uses heap arrays in place. Positions move only on success, by the bytes transferred. A buffer of a confined or
 * closed arena fails the operation as on the JDK's channel: its handler gets an {@link IllegalStateException}
 * ({@code "Confined session not supported"}, {@code "Already closed"}), its {@link Future} an {@link IOException}
 * caused by it.
 */
public final class LioSocketChannel extends AsynchronousSocketChannel implements GroupMember {
    private static final int ETIME = Errno.ETIME.number();
    private static final int ECANCELED = Errno.ECANCELED.number();
    /** {@link #ringCompleted}'s context for a read. */
    private static final long READ = 0;
    /** {@link #ringCompleted}'s context for a write. */
    private static final long WRITE = 1;

    private final LioChannelGroup group;
    private final SocketDescriptor socket;
    /** Once it has begun, a read or write that completes fails with AsynchronousCloseException. */
    private final ChannelClose close;

    private final Object stateLock = new Object();
    private volatile InetSocketAddress localAddress;
    private volatile InetSocketAddress remoteAddress;
    /** Guarded by {@link #stateLock}. */
    private boolean connecting;

    private final Object readLock = new Object();
    private boolean reading;
    private boolean readKilled;
    /**
     * The last read found no data and waited in the ring: the next one goes there directly instead of trying the
     * socket first (request/response traffic would pay a failed {@code recv} each time). A read that fills its
     * buffer suggests more is there, and turns the attempt back on. Touched only by the one pending read.
     */
    private boolean readsWait;
    private volatile boolean inputShut;

    private final Object writeLock = new Object();
    private boolean writing;
    private boolean writeKilled;
    private volatile boolean outputShut;

    /** The read waiting in the ring without a future, if any: written before it is submitted, taken by its end. */
    private RingTransfer ringRead;
    /** The write waiting in the ring without a future, as {@link #ringRead}. */
    private RingTransfer ringWrite;
    private final RequestCallback ringCallback = this::ringCompleted;

    private final ResultMapper<Integer> readResult = transferResult(true);
    private final ResultMapper<Integer> writeResult = transferResult(false);

    private LioSocketChannel(LioChannelProvider provider, LioChannelGroup group, SocketDescriptor socket) {
        super(provider);
        this.group = group;
        this.socket = socket;
        this.close = new ChannelClose(group, socket, this);
    }

    /** A new unconnected channel in {@code group}. */
    static LioSocketChannel open(LioChannelProvider provider, LioChannelGroup group) throws IOException {
        if (group.isShutdown()) {
            throw new java.nio.channels.ShutdownChannelGroupException();
        }
        SocketDescriptor socket = SocketDescriptor.open(group.nextLoop());
        LioSocketChannel channel = new LioSocketChannel(provider, group, socket);
        try {
            group.register(channel);
        } catch (RuntimeException e) {
            socket.closeAsync();
            throw e;
        }
        return channel;
    }

    /**
     * The channel of an accepted connection ({@code fd} from {@code accept(2)}, of {@code family}).
     *
     * @throws java.nio.channels.ShutdownChannelGroupException if the group is shut down (fd is closed)
     */
    static LioSocketChannel accepted(LioChannelProvider provider, LioChannelGroup group, int fd, int family)
            throws IOException {
        SocketDescriptor socket = SocketDescriptor.of(group.nextLoop(), fd, family);
        LioSocketChannel channel = new LioSocketChannel(provider, group, socket);
        try {
            channel.localAddress = socket.localAddress();
            channel.remoteAddress = socket.peerAddress();
            group.register(channel);
        } catch (IOException | RuntimeException e) {
            socket.closeAsync();
            throw e;
        }
        return channel;
    }

    // ------------------------------------------------------------------ binding and options

    /**
     * Binds the socket ({@code bind(2)}); {@code null} binds to the wildcard address and an ephemeral port. The
     * channel's state is checked before the address, as the JDK's channel checks it. As the JDK's, it is not cut
     * short by the caller's interrupt status, which it leaves set.
     *
     * @throws AlreadyBoundException           if it is bound already
     * @throws ConnectionPendingException      if a connect is in progress
     * @throws UnsupportedAddressTypeException if {@code local} is not an {@link InetSocketAddress}
     * @throws ClosedChannelException          if the channel is closed
     */
    @Override
    public LioSocketChannel bind(SocketAddress local) throws IOException {
        synchronized (stateLock) {
            ensureOpen();
            if (connecting) {
                throw new ConnectionPendingException();
            }
            if (localAddress != null) {
                throw new AlreadyBoundException();
            }
            socket.bind(local == null ? null : InetAddresses.check(local));
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
    public <T> LioSocketChannel setOption(SocketOption<T> name, T value) throws IOException {
        SocketOptionCodes.set(socket, SocketOptionCodes.CONNECTION_OPTIONS, name, value);
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
        return SocketOptionCodes.get(socket, SocketOptionCodes.CONNECTION_OPTIONS, name);
    }

    /**
     * {@code SO_SNDBUF}, {@code SO_RCVBUF}, {@code SO_KEEPALIVE}, {@code SO_REUSEADDR}, {@code SO_REUSEPORT},
     * {@code TCP_NODELAY}, and {@code jdk.net.ExtendedSocketOptions} {@code TCP_KEEPIDLE},
     * {@code TCP_KEEPINTERVAL}, {@code TCP_KEEPCOUNT} and {@code TCP_QUICKACK}.
     */
    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return SocketOptionCodes.CONNECTION_OPTIONS;
    }

    // ------------------------------------------------------------------ addresses and shutdown

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
     * The peer's address, or {@code null} if the channel is not connected.
     *
     * @throws ClosedChannelException if the channel is closed
     */
    @Override
    public SocketAddress getRemoteAddress() throws IOException {
        ensureOpen();
        return remoteAddress;
    }

    /**
     * Shuts down reading ({@code shutdown(SHUT_RD)}): a pending read and every later one complete with -1.
     *
     * @throws NotYetConnectedException if the channel is not connected
     * @throws ClosedChannelException   if the channel is closed
     */
    @Override
    public LioSocketChannel shutdownInput() throws IOException {
        ensureConnected();
        if (!inputShut) {
            socket.shutdown(ShutdownHow.SHUT_RD);
            inputShut = true;
        }
        return this;
    }

    /**
     * Shuts down writing ({@code shutdown(SHUT_WR)}): the peer reads end of stream; later writes fail with
     * {@link ClosedChannelException}.
     *
     * @throws NotYetConnectedException if the channel is not connected
     * @throws ClosedChannelException   if the channel is closed
     */
    @Override
    public LioSocketChannel shutdownOutput() throws IOException {
        ensureConnected();
        if (!outputShut) {
            socket.shutdown(ShutdownHow.SHUT_WR);
            outputShut = true;
        }
        return this;
    }

    private void ensureConnected() throws ClosedChannelException {
        ensureOpen();
        if (remoteAddress == null) {
            throw new NotYetConnectedException();
        }
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!socket.isOpen()) {
            throw new ClosedChannelException();
        }
    }

    // ------------------------------------------------------------------ connect

    /**
     * Connects ({@code connect(2)} through the ring), binding first to an ephemeral port if unbound. On failure
     * the channel is closed; an IPv6 address for an IPv4 socket ({@code java.net.preferIPv4Stack}) is such a failure,
     * a {@link java.net.SocketException} as from the JDK's channel. As the JDK's, the failure's message ends with the
     * address when {@code jdk.includeInExceptions} names {@code hostInfo}.
     *
     * @throws AlreadyConnectedException       if it is connected
     * @throws ConnectionPendingException      if a connect is in progress
     * @throws UnsupportedAddressTypeException if {@code remote} is not an {@link InetSocketAddress}
     * @throws java.nio.channels.UnresolvedAddressException if {@code remote} is unresolved
     */
    @Override
    public <A> void connect(SocketAddress remote, A attachment, CompletionHandler<Void, ? super A> handler) {
        Objects.requireNonNull(handler, "'handler' is null"); // the JDK's message
        connect(remote, new HandlerOutcome<>(group, handler, attachment));
    }

    /**
     * {@link #connect(SocketAddress, Object, CompletionHandler)} as a {@link Future}. Cancelling it with
     * {@code mayInterruptIfRunning} closes the channel; without, as the JDK's channel does, the connect goes on in the
     * kernel (the channel stays open, connection-pending until it ends, and is closed if it fails), and reads and
     * writes are refused with {@link IllegalStateException}, since whether the peer saw a connection is unknown.
     */
    @Override
    public Future<Void> connect(SocketAddress remote) {
        OperationFuture<Void> future = new OperationFuture<>(this::connectCancelled);
        connect(remote, future);
        return future;
    }

    private void connectCancelled(boolean mayInterruptIfRunning) {
        if (mayInterruptIfRunning) {
            closeForShutdown();
            return;
        }
        synchronized (readLock) {
            readKilled = true;
        }
        synchronized (writeLock) {
            writeKilled = true;
        }
    }

    private void connect(SocketAddress remote, Outcome<Void> outcome) {
        if (!socket.isOpen()) {
            outcome.fail(new ClosedChannelException());
            return;
        }
        InetSocketAddress address = InetAddresses.check(remote);
        synchronized (stateLock) {
            if (remoteAddress != null) {
                throw new AlreadyConnectedException();
            }
            if (connecting) {
                throw new ConnectionPendingException();
            }
            connecting = true;
        }
        io.liouring.struct.SockAddr kernelAddress;
        try {
            kernelAddress = InetAddresses.toKernel(address, socket.family());
        } catch (java.net.SocketException e) { // an IPv6 address for an IPv4 socket: a failed connect, as the JDK's
            synchronized (stateLock) {
                connecting = false;
            }
            closeForShutdown();
            outcome.fail(JdkSocketErrors.naming(e, address));
            return;
        }
        IoFuture<Integer> request = socket.submit(
                new Connect(socket.fd(), kernelAddress), null,
                (op, userData, result, flags) -> {
                    if (result < 0) {
                        throw JdkSocketErrors.naming(JdkSocketErrors.ofAddress("connect", address, result), address);
                    }
                    return result;
                });
        // not attached to a Future: its cancel(false) leaves the connect to the kernel, as the JDK's does
        request.whenComplete((result, error) -> {
            Throwable failure = error;
            if (failure == null) {
                try {
                    InetSocketAddress local = socket.localAddress();
                    synchronized (stateLock) {
                        connecting = false;
                        localAddress = local;
                        remoteAddress = address;
                    }
                } catch (IOException e) {
                    failure = e;
                }
            }
            if (failure == null) {
                outcome.succeed(null);
            } else {
                synchronized (stateLock) {
                    connecting = false;
                }
                closeForShutdown(); // as the JDK: a channel whose connect failed is closed
                outcome.fail(javaFailure(failure));
            }
        });
    }

    // ------------------------------------------------------------------ read

    /**
     * Reads into {@code dst} ({@code recv(2)}); completes with the bytes read, or -1 at end of stream.
     *
     * @throws IllegalArgumentException if {@code dst} is read-only
     * @throws ReadPendingException     if a read is pending
     * @throws NotYetConnectedException if the channel is not connected
     * @throws IllegalStateException    if an earlier read timed out or was cancelled
     */
    @Override
    public <A> void read(ByteBuffer dst, long timeout, TimeUnit unit, A attachment,
                         CompletionHandler<Integer, ? super A> handler) {
        Objects.requireNonNull(handler, "'handler' is null"); // the JDK's message
        read(false, new ByteBuffer[]{writable(dst)}, timeout, unit, new HandlerOutcome<>(group, handler, attachment));
    }

    /** {@link #read(ByteBuffer, long, TimeUnit, Object, CompletionHandler)} without a timeout, as a {@link Future}. */
    @Override
    public Future<Integer> read(ByteBuffer dst) {
        OperationFuture<Integer> future = new OperationFuture<>(this::readCancelled);
        read(false, new ByteBuffer[]{writable(dst)}, 0, TimeUnit.MILLISECONDS, future);
        return future;
    }

    /**
     * Scattering read into {@code dsts[offset .. offset+length)} ({@code readv(2)}); completes with the bytes
     * read, or -1 at end of stream.
     *
     * @throws IndexOutOfBoundsException if {@code offset} or {@code length} is out of range
     * @throws IllegalArgumentException  if a buffer is read-only
     */
    @Override
    public <A> void read(ByteBuffer[] dsts, int offset, int length, long timeout, TimeUnit unit, A attachment,
                         CompletionHandler<Long, ? super A> handler) {
        Objects.requireNonNull(handler, "'handler' is null"); // the JDK's message
        Objects.checkFromIndexSize(offset, length, dsts.length);
        ByteBuffer[] buffers = new ByteBuffer[length];
        for (int i = 0; i < length; i++) {
            buffers[i] = writable(dsts[offset + i]);
        }
        read(true, buffers, timeout, unit, new HandlerOutcome<>(group, handler, attachment));
    }

    private static ByteBuffer writable(ByteBuffer dst) {
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("Read-only buffer");
        }
        return dst;
    }

    /**
     * Why the memory of {@code buffers} may not be used by this operation, as the JDK's channels find it when they
     * start the I/O: a buffer of a confined arena ({@code "Confined session not supported"}: its bytes would be
     * moved by the kernel for the loop's thread, and its owner could close it meanwhile) or of a closed one
     * ({@code "Already closed"}); {@code null} if they may be used. The operation then fails with it, a
     * {@link Future} with an {@link IOException} caused by it.
     */
    private static IllegalStateException unusable(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.isDirect()) {
                MemorySegment segment = MemorySegment.ofBuffer(b);
                if (LendableMemory.isConfined(segment)) {
                    return new IllegalStateException("Confined session not supported"); // the JDK's message
                }
                if (!segment.scope().isAlive()) {
                    return new IllegalStateException("Already closed"); // the JDK's message
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private <V extends Number> void read(boolean scattering, ByteBuffer[] dsts, long timeout, TimeUnit unit,
                                         Outcome<V> outcome) {
        if (!socket.isOpen()) {
            outcome.fail(new ClosedChannelException());
            return;
        }
        if (remoteAddress == null) {
            throw new NotYetConnectedException();
        }
        Duration limit = limit(timeout, unit);
        boolean room = hasRemaining(dsts);
        boolean atEnd;
        synchronized (readLock) {
            if (readKilled) {
                throw new IllegalStateException("Reading not allowed due to timeout or cancellation");
            }
            if (reading) {
                throw new ReadPendingException();
            }
            atEnd = inputShut;
            reading = room && !atEnd;
        }
        if (atEnd || !room) {
            outcome.succeed((V) count(scattering, atEnd ? -1 : 0));
            return;
        }
        IllegalStateException unusable = unusable(dsts);
        if (unusable != null) {
            endRead(false);
            outcome.fail(unusable);
            return;
        }
        if (!scattering && !readsWait && readNow(dsts[0], outcome)) {
            return;
        }
        BufferStage stage;
        try {
            stage = BufferStage.of(dsts, group.chunks(), false);
        } catch (IllegalStateException arenaClosed) { // since the check
            endRead(false);
            outcome.fail(arenaClosed);
            return;
        } catch (RuntimeException | Error e) {
            endRead(false);
            throw e;
        }
        if (limit == null && outcome instanceof HandlerOutcome) {
            readByCallback(stage, scattering, (Outcome<Number>) outcome);
            return;
        }
        IoFuture<Integer> request;
        try {
            request = socket.submit(stage.readOperation(socket.fd()), limit, readResult);
        } catch (RuntimeException | Error e) {
            stage.release();
            endRead(false);
            throw e;
        }
        attach(outcome, request);
        request.whenComplete((n, error) -> readCompleted(stage, scattering, outcome, n == null ? 0 : n, error, request));
    }

    /**
     * A read for a handler, without a timeout, through the ring without a future: its state waits in
     * {@link #ringRead} until {@link #ringCompleted} (a read has nothing to cancel but the channel's close).
     */
    private void readByCallback(BufferStage stage, boolean scattering, Outcome<Number> outcome) {
        ringRead = new RingTransfer(stage, scattering, outcome);
        try {
            socket.submitCallback(stage.readOperation(socket.fd()), ringCallback, READ);
        } catch (ClosedChannelException e) {
            ringRead = null;
            readCompleted(stage, scattering, outcome, 0, e, null);
        } catch (RuntimeException | Error e) {
            ringRead = null;
            stage.release();
            endRead(false);
            throw e;
        }
    }

    /**
     * A ring read has ended, on the loop thread: its bytes into the buffers, or its failure as the JDK names it;
     * the staging chunk goes back once the kernel has released {@code request} ({@code null}: it has).
     */
    @SuppressWarnings("unchecked")
    private <V extends Number> void readCompleted(BufferStage stage, boolean scattering, Outcome<V> outcome,
                                                  int n, Throwable error, IoFuture<?> request) {
        Throwable failure = error != null ? javaFailure(error) : close.begun() ? new AsynchronousCloseException() : null;
        if (failure == null && n > 0) {
            try {
                stage.transferred(n, true);
                readsWait = n < stage.length();
            } catch (IllegalStateException arenaClosed) {
                failure = new IllegalStateException("The buffer's arena was closed while the read was in flight:"
                        + " the " + n + " bytes read were dropped", arenaClosed);
            }
        }
        releaseStage(stage, request); // only now: the loop marks a request released before completing it
        endRead(failure instanceof InterruptedByTimeoutException);
        if (failure == null) {
            outcome.succeed((V) count(scattering, n == 0 ? -1 : n));
        } else {
            outcome.fail(failure);
        }
    }

    /**
     * The read done at once on this thread if data is there ({@link SocketDescriptor#tryNow}); its outcome
     * delivered. Returns {@code false} if it would block: the ring must wait for data.
     */
    @SuppressWarnings("unchecked")
    private <V extends Number> boolean readNow(ByteBuffer dst, Outcome<V> outcome) {
        long n;
        try {
            n = socket.tryNow(true, MemorySegment.ofBuffer(dst), remoteAddress);
        } catch (IOException | IllegalStateException e) { // IllegalStateException: its arena closed since the check
            endRead(false);
            outcome.fail(e);
            return true;
        }
        if (n == SocketDescriptor.WOULD_BLOCK) {
            readsWait = true;
            return false;
        }
        if (n > 0) {
            dst.position(dst.position() + (int) n);
        }
        endRead(false);
        outcome.succeed((V) count(false, n == 0 ? -1 : (int) n));
        return true;
    }

    private void endRead(boolean killed) {
        synchronized (readLock) {
            reading = false;
            readKilled |= killed;
        }
    }

    private void readCancelled(boolean mayInterruptIfRunning) {
        synchronized (readLock) {
            readKilled = true;
        }
        if (mayInterruptIfRunning) {
            closeForShutdown();
        }
    }

    // ------------------------------------------------------------------ write

    /**
     * Writes from {@code src} ({@code send(2)}); completes with the bytes written (possibly fewer than remain).
     *
     * @throws WritePendingException    if a write is pending
     * @throws NotYetConnectedException if the channel is not connected
     * @throws IllegalStateException    if an earlier write timed out or was cancelled
     */
    @Override
    public <A> void write(ByteBuffer src, long timeout, TimeUnit unit, A attachment,
                          CompletionHandler<Integer, ? super A> handler) {
        Objects.requireNonNull(handler, "'handler' is null"); // the JDK's message
        write(false, new ByteBuffer[]{Objects.requireNonNull(src, "src")}, timeout, unit,
                new HandlerOutcome<>(group, handler, attachment));
    }

    /** {@link #write(ByteBuffer, long, TimeUnit, Object, CompletionHandler)} without a timeout, as a {@link Future}. */
    @Override
    public Future<Integer> write(ByteBuffer src) {
        OperationFuture<Integer> future = new OperationFuture<>(this::writeCancelled);
        write(false, new ByteBuffer[]{Objects.requireNonNull(src, "src")}, 0, TimeUnit.MILLISECONDS, future);
        return future;
    }

    /**
     * Gathering write from {@code srcs[offset .. offset+length)} ({@code sendmsg(2)}); completes with the bytes
     * written.
     *
     * @throws IndexOutOfBoundsException if {@code offset} or {@code length} is out of range
     */
    @Override
    public <A> void write(ByteBuffer[] srcs, int offset, int length, long timeout, TimeUnit unit, A attachment,
                          CompletionHandler<Long, ? super A> handler) {
        Objects.requireNonNull(handler, "'handler' is null"); // the JDK's message
        Objects.checkFromIndexSize(offset, length, srcs.length);
        ByteBuffer[] buffers = new ByteBuffer[length];
        for (int i = 0; i < length; i++) {
            buffers[i] = Objects.requireNonNull(srcs[offset + i], "srcs[" + (offset + i) + "]");
        }
        write(true, buffers, timeout, unit, new HandlerOutcome<>(group, handler, attachment));
    }

    @SuppressWarnings("unchecked")
    private <V extends Number> void write(boolean gathering, ByteBuffer[] srcs, long timeout, TimeUnit unit,
                                          Outcome<V> outcome) {
        Duration limit = limit(timeout, unit);
        boolean closed = !socket.isOpen();
        boolean data = hasRemaining(srcs);
        if (!closed) {
            if (remoteAddress == null) {
                throw new NotYetConnectedException();
            }
            synchronized (writeLock) {
                if (writeKilled) {
                    throw new IllegalStateException("Writing not allowed due to timeout or cancellation");
                }
                if (writing) {
                    throw new WritePendingException();
                }
                closed = outputShut;
                writing = data && !closed;
            }
        }
        if (closed) {
            outcome.fail(new ClosedChannelException());
            return;
        }
        if (!data) {
            outcome.succeed((V) count(gathering, 0));
            return;
        }
        IllegalStateException unusable = unusable(srcs);
        if (unusable != null) {
            endWrite(false);
            outcome.fail(unusable);
            return;
        }
        if (!gathering && !socket.loop().inLoop() && writeNow(srcs[0], outcome)) {
            return;
        }
        BufferStage stage;
        try {
            stage = BufferStage.of(srcs, group.chunks(), true);
        } catch (IllegalStateException arenaClosed) { // since the check
            endWrite(false);
            outcome.fail(arenaClosed);
            return;
        } catch (RuntimeException | Error e) {
            endWrite(false);
            throw e;
        }
        if (limit == null && outcome instanceof HandlerOutcome) {
            writeByCallback(stage, gathering, (Outcome<Number>) outcome);
            return;
        }
        IoFuture<Integer> request;
        try {
            request = socket.submit(stage.writeOperation(socket.fd()), limit, writeResult);
        } catch (RuntimeException | Error e) {
            stage.release();
            endWrite(false);
            throw e;
        }
        attach(outcome, request);
        request.whenComplete((n, error) -> writeCompleted(stage, gathering, outcome, n == null ? 0 : n, error, request));
    }

    /** A write for a handler, without a timeout, through the ring without a future (as {@link #readByCallback}). */
    private void writeByCallback(BufferStage stage, boolean gathering, Outcome<Number> outcome) {
        ringWrite = new RingTransfer(stage, gathering, outcome);
        try {
            socket.submitCallback(stage.writeOperation(socket.fd()), ringCallback, WRITE);
        } catch (ClosedChannelException e) {
            ringWrite = null;
            writeCompleted(stage, gathering, outcome, 0, e, null);
        } catch (RuntimeException | Error e) {
            ringWrite = null;
            stage.release();
            endWrite(false);
            throw e;
        }
    }

    /** A ring write has ended, on the loop thread (as {@link #readCompleted}). */
    @SuppressWarnings("unchecked")
    private <V extends Number> void writeCompleted(BufferStage stage, boolean gathering, Outcome<V> outcome,
                                                   int n, Throwable error, IoFuture<?> request) {
        Throwable failure = error != null ? javaFailure(error) : close.begun() ? new AsynchronousCloseException() : null;
        if (failure == null) {
            stage.transferred(n, false);
        }
        releaseStage(stage, request);
        endWrite(failure instanceof InterruptedByTimeoutException);
        if (failure == null) {
            outcome.succeed((V) count(gathering, n));
        } else {
            outcome.fail(failure);
        }
    }

    /** The write done at once on this thread if the socket has room; {@code false} if it would block. */
    @SuppressWarnings("unchecked")
    private <V extends Number> boolean writeNow(ByteBuffer src, Outcome<V> outcome) {
        long n;
        try {
            n = socket.tryNow(false, MemorySegment.ofBuffer(src), remoteAddress);
        } catch (IOException | IllegalStateException e) { // IllegalStateException: its arena closed since the check
            endWrite(false);
            outcome.fail(e);
            return true;
        }
        if (n == SocketDescriptor.WOULD_BLOCK) {
            return false;
        }
        src.position(src.position() + (int) n);
        endWrite(false);
        outcome.succeed((V) count(false, (int) n));
        return true;
    }

    private void endWrite(boolean killed) {
        synchronized (writeLock) {
            writing = false;
            writeKilled |= killed;
        }
    }

    private void writeCancelled(boolean mayInterruptIfRunning) {
        synchronized (writeLock) {
            writeKilled = true;
        }
        if (mayInterruptIfRunning) {
            closeForShutdown();
        }
    }

    // ------------------------------------------------------------------ shared

    /** Maps a read's or write's completion: bytes, or the JDK's exception ({@code -ETIME}: timed out). */
    private ResultMapper<Integer> transferResult(boolean read) {
        return (op, userData, result, flags) -> {
            if (result >= 0) {
                return result;
            }
            if (result == -ETIME) {
                throw new InterruptedByTimeoutException();
            }
            throw JdkSocketErrors.ofTransfer(read, remoteAddress, result);
        };
    }

    /** The state of a read or write waiting in the ring for {@link #ringCompleted}. */
    private record RingTransfer(BufferStage stage, boolean vectored, Outcome<Number> outcome) {
    }

    /**
     * The end of a ring read ({@code context} {@link #READ}) or write ({@link #WRITE}) submitted without a future:
     * {@code -ECANCELED} means a close (of the channel, or of its loop) cancelled it.
     */
    private void ringCompleted(long context, int result, int flags) {
        boolean read = context == READ;
        RingTransfer t = read ? ringRead : ringWrite;
        if (read) {
            ringRead = null;
        } else {
            ringWrite = null;
        }
        Throwable error = result >= 0 ? null
                : result == -ECANCELED ? new AsynchronousCloseException()
                : JdkSocketErrors.ofTransfer(read, remoteAddress, result);
        int n = Math.max(result, 0);
        if (read) {
            readCompleted(t.stage(), t.vectored(), t.outcome(), n, error, null);
        } else {
            writeCompleted(t.stage(), t.vectored(), t.outcome(), n, error, null);
        }
    }

    private static void releaseStage(BufferStage stage, IoFuture<?> request) {
        if (request == null) {
            stage.release();
        } else {
            stage.releaseAfter(request);
        }
    }

    /** Lets a {@link Future}'s cancel reach the request in the kernel. */
    private static void attach(Outcome<?> outcome, IoFuture<?> request) {
        if (outcome instanceof OperationFuture<?> future) {
            future.attach(request);
        }
    }

    /** The failure as the caller should see it: unwrapped, a closed loop being an asynchronous close. */
    static Throwable javaFailure(Throwable error) {
        Throwable f = error;
        while ((f instanceof CompletionException || f instanceof ExecutionException) && f.getCause() != null) {
            f = f.getCause();
        }
        if (f instanceof EventLoopClosedException) {
            AsynchronousCloseException closed = new AsynchronousCloseException();
            closed.initCause(f);
            return closed;
        }
        return f;
    }

    private static Duration limit(long timeout, TimeUnit unit) {
        if (timeout <= 0) {
            return null;
        }
        return Duration.ofNanos(Objects.requireNonNull(unit, "unit").toNanos(timeout));
    }

    private static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    private static Number count(boolean vectored, int n) {
        return vectored ? (Number) Long.valueOf(n) : (Number) Integer.valueOf(n);
    }

    // ------------------------------------------------------------------ close

    /** Whether the channel is open. */
    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    /**
     * Closes the channel: pending operations fail with {@link AsynchronousCloseException}; the descriptor is
     * closed once the kernel has released them, and this waits for that (except on an event-loop thread).
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


    /** The descriptor number (for diagnostics and tests: it may belong to another file once closed). */
    int descriptorNumber() {
        return socket.fd();
    }

    /**
     * The class, state and addresses in the words of the JDK's channel, which applications log:
     * {@code [closed]}, or {@code [unconnected]}, {@code [connection-pending]} or {@code [connected]} (with
     * {@code ishut} and {@code oshut} after the shutdowns), then {@code local=} and {@code remote=} where known.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(getClass().getName()).append('[');
        if (!isOpen()) {
            text.append("closed");
        } else {
            InetSocketAddress local = localAddress;
            InetSocketAddress remote = remoteAddress;
            if (remote != null) {
                text.append("connected").append(inputShut ? " ishut" : "").append(outputShut ? " oshut" : "");
            } else {
                boolean pending;
                synchronized (stateLock) {
                    pending = connecting;
                }
                text.append(pending ? "connection-pending" : "unconnected");
            }
            if (local != null) {
                text.append(" local=").append(local);
            }
            if (remote != null) {
                text.append(" remote=").append(remote);
            }
        }
        return text.append(']').toString();
    }
}
