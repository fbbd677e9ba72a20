package io.liouring.net;

import io.liouring.MsgFlags;
import io.liouring.ShutdownHow;
import io.liouring.SocketOptions;
import io.liouring.SocketType;
import io.liouring.Errno;
import io.liouring.Feature;
import io.liouring.buffer.BufferRing;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.internal.Checks;
import io.liouring.internal.IoErrors;
import io.liouring.internal.SocketNames;
import io.liouring.operation.Connect;
import io.liouring.operation.Recv;
import io.liouring.operation.Send;
import io.liouring.operation.SendZc;
import io.liouring.operation.Shutdown;
import io.liouring.struct.SockAddr;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A connected stream socket — TCP over IPv4 or IPv6, or a Unix-domain stream — driven by an {@link EventLoop}:
 * receive, send (plain or zero-copy), shut down a direction, close. Blocking calls park virtual threads;
 * {@code …Async} forms return futures.
 *
 * <pre>{@code
 * try (Connection c = Connection.connect(loop, SockAddrIn.loopback(7007), Duration.ofSeconds(5))) {
 *     c.writeFully(request);
 *     int n = c.read(response);
 * }
 * }</pre>
 *
 * <p>Reads are pulled: one receive request is in the kernel only while someone waits for it, so a slow reader
 * leaves the data in the socket's receive buffer and TCP flow control slows the sender — nothing piles up in
 * the loop. Sends use {@code MSG_NOSIGNAL}: a closed peer is an EPIPE (a {@link java.net.SocketException}), not a
 * signal. See {@link AsyncSocket} for threads, close and errors.
 */
public final class Connection extends AsyncSocket {
    Connection(EventLoop loop, int fd) {
        super(loop, fd);
    }

    /**
     * Connects to {@code address} (IPv4, IPv6 or Unix), waiting as long as the kernel does.
     *
     * @param loop the loop that runs the connect and every later request of the connection
     * @param address the peer: a {@code SockAddrIn}, {@code SockAddrIn6} or {@code SockAddrUn}
     * @return the connected connection
     * @throws IOException as {@link #connect(EventLoop, SockAddr, Duration)} throws it, except for the timeout
     */
    public static Connection connect(EventLoop loop, SockAddr address) throws IOException {
        return connect(loop, address, null);
    }

    /**
     * Connects to {@code address}, giving up after {@code timeout} ({@code null}: no timeout) with a
     * {@link java.net.SocketTimeoutException}. A refused connection is a {@link java.net.ConnectException}.
     *
     * @param loop the loop that runs the connect and every later request of the connection
     * @param address the peer: a {@code SockAddrIn}, {@code SockAddrIn6} or {@code SockAddrUn}
     * @param timeout how long to wait, positive, or {@code null} for as long as the kernel tries
     * @return the connected connection
     * @throws IOException a {@link java.net.ConnectException}, {@link java.net.NoRouteToHostException}, {@link
     * java.net.SocketTimeoutException} or other {@link java.net.SocketException} naming the errno
     */
    public static Connection connect(EventLoop loop, SockAddr address, Duration timeout) throws IOException {
        loop.checkNotLoopThread("Connection.connect");
        Objects.requireNonNull(address, "address");
        Connection connection = new Connection(loop, open(loop, address.family(), SocketType.SOCK_STREAM));
        try {
            IoErrors.await(connection.handle.submit(new Connect(connection.fd, address), NO_FLAGS, timeout,
                    (op, userData, result, flags) -> {
                        if (result < 0) {
                            throw IoErrors.socket("connect", address, result);
                        }
                        return result;
                    }));
            return connection;
        } catch (IOException | RuntimeException | Error e) {
            connection.closeAfterFailure(e);
            throw e;
        }
    }

    /**
     * Takes over a connected stream socket (for example one end of a {@code socketpair}); {@link #close()} closes it.
     *
     * @param loop the loop that runs the connection's requests
     * @param fd a connected stream socket, which the connection now owns
     * @return the connection
     */
    public static Connection of(EventLoop loop, int fd) {
        Checks.requireNonNegative(fd, "fd");
        return new Connection(loop, fd);
    }

    /**
     * {@return the peer's address ({@code getpeername(2)})}
     *
     * @throws IOException if {@code getpeername} fails (ENOTCONN once the peer is gone), or {@link
     * ClosedChannelException} if the connection is closed
     */
    public SockAddr remoteAddress() throws IOException {
        return withDescriptor(() -> SocketNames.peer(fd));
    }

    // ------------------------------------------------------------------ receiving

    /**
     * Receives what has arrived, up to {@code dst.byteSize()} bytes; waits for at least one.
     *
     * @param dst native memory to receive into, not empty (an empty one returns 0 at once, which reads as end of
     *            stream)
     * @return the bytes received; 0: the peer is done sending
     * @throws IOException a {@link java.net.SocketException} naming the errno (ECONNRESET, ...); {@link
     * AsynchronousCloseException} if the connection was closed meanwhile
     */
    public int read(MemorySegment dst) throws IOException {
        loop.checkNotLoopThread("Connection.read");
        return IoErrors.await(readAsync(dst));
    }

    /**
     * {@link #read} as a future.
     *
     * @param dst native memory to receive into; it must stay open until the future completes
     * @return a future of the bytes received (0: the peer is done), failing with the exception {@link #read} throws
     */
    public IoFuture<Integer> readAsync(MemorySegment dst) {
        return handle.submit(new Recv(fd, dst), NO_FLAGS, null, results);
    }

    /**
     * Receives until {@code dst} is full or the peer is done; returns the bytes received. If the connection is
     * closed meanwhile, throws {@link AsynchronousCloseException}; what had arrived is in {@code dst}.
     *
     * @param dst native memory to fill
     * @return bytes received: {@code dst.byteSize()}, or less if the peer finished sending first
     * @throws IOException a {@link java.net.SocketException} naming the errno; {@link AsynchronousCloseException} if
     * the connection was closed meanwhile
     */
    public long readFully(MemorySegment dst) throws IOException {
        loop.checkNotLoopThread("Connection.readFully");
        Checks.requireNative(dst, "dst");
        ensureOpen();
        Recv recv = null;
        long done = 0;
        while (done < dst.byteSize()) {
            MemorySegment rest = dst.asSlice(done, Math.min(dst.byteSize() - done, Integer.MAX_VALUE));
            recv = recv == null ? new Recv(fd, rest) : recv.buffer(rest);
            int n = step(recv);
            if (n == 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    /** One request of a multi-request call; a close between two requests is a close during the call. */
    private int step(io.liouring.Operation operation) throws IOException {
        return IoErrors.awaitStep(handle.submit(operation, NO_FLAGS, null, results));
    }

    /**
     * Receives everything that arrives, as it arrives, without a request per read: a multishot receive selects
     * buffers from {@code buffers} (registered on this connection's loop, e.g.
     * {@code loop.runOnLoop(ring -> ring.registerBufferRing(group, count, size))}), in bundles where the
     * kernel supports them (6.10). {@code receiver} gets each filled buffer on the loop thread, must not block,
     * and must copy what it keeps: the buffer goes back to the ring when it returns.
     *
     * @param buffers a buffer ring registered on this connection's loop
     * @param receiver gets each filled piece, on the loop thread
     * @return the running receive: stop it, or wait for its end
     * @throws ClosedChannelException if the connection is closed
     */
    public Receiving receiveEach(BufferRing buffers, Consumer<MemorySegment> receiver) throws ClosedChannelException {
        return receiveEach(buffers, receiver, loop.features().contains(Feature.RECVSEND_BUNDLE));
    }

    Receiving receiveEach(BufferRing buffers, Consumer<MemorySegment> receiver, boolean bundles)
            throws ClosedChannelException {
        Objects.requireNonNull(buffers, "buffers");
        Objects.requireNonNull(receiver, "receiver");
        ensureOpen();
        return new Receiving(this, buffers, receiver, bundles).start();
    }

    // ------------------------------------------------------------------ sending

    /**
     * Sends what the socket takes of {@code src} now (at least one byte); returns the bytes sent.
     *
     * @param src native memory to send
     * @return bytes sent, 1 to {@code src.byteSize()} (0 for an empty {@code src}, at once)
     * @throws IOException a {@link java.net.SocketException} naming the errno (EPIPE, ECONNRESET, ...; never a
     * SIGPIPE); {@link AsynchronousCloseException} if the connection was closed meanwhile
     */
    public int write(MemorySegment src) throws IOException {
        loop.checkNotLoopThread("Connection.write");
        return IoErrors.await(writeAsync(src));
    }

    /**
     * {@link #write} as a future.
     *
     * @param src native memory to send; it must stay open until the future completes
     * @return a future of the bytes sent, failing with the exception {@link #write} throws
     */
    public IoFuture<Integer> writeAsync(MemorySegment src) {
        return handle.submit(new Send(fd, src).msgFlags(MsgFlags.MSG_NOSIGNAL), NO_FLAGS, null, results);
    }

    /**
     * Sends all of {@code src}, resubmitting after short sends. If the connection is closed meanwhile, throws
     * {@link AsynchronousCloseException}: no byte of {@code src} goes anywhere but this connection's socket.
     *
     * @param src native memory to send
     * @throws IOException a {@link java.net.SocketException} naming the errno; {@link AsynchronousCloseException} if
     * the connection was closed meanwhile
     */
    public void writeFully(MemorySegment src) throws IOException {
        loop.checkNotLoopThread("Connection.writeFully");
        Checks.requireNative(src, "src");
        ensureOpen();
        Send send = null;
        long done = 0;
        while (done < src.byteSize()) {
            MemorySegment rest = src.asSlice(done, Math.min(src.byteSize() - done, Integer.MAX_VALUE));
            send = send == null ? new Send(fd, rest).msgFlags(MsgFlags.MSG_NOSIGNAL) : send.buffer(rest);
            int n = step(send);
            if (n == 0) {
                throw IoErrors.socket("send", this, -Errno.EIO.number());
            }
            done += n;
        }
    }

    /**
     * Sends {@code src} without copying it into the kernel ({@code IORING_OP_SEND_ZC}, 6.0); returns the bytes
     * sent once the kernel's notification says it no longer reads the buffer, so {@code src} may be reused
     * or freed when this returns. Worth it for large buffers; small ones are cheaper to copy. TCP only: the kernel
     * has no zero-copy send for Unix sockets, where this fails with EOPNOTSUPP (use {@link #writeFully}).
     *
     * @param src native memory to send
     * @return bytes sent
     * @throws IOException a {@link java.net.SocketException} naming the errno (EOPNOTSUPP on a Unix socket); {@link
     * AsynchronousCloseException} if the connection was closed meanwhile
     */
    public int writeZeroCopy(MemorySegment src) throws IOException {
        loop.checkNotLoopThread("Connection.writeZeroCopy");
        return IoErrors.await(writeZeroCopyAsync(src));
    }

    /**
     * {@link #writeZeroCopy} as a future, which completes only after the notification.
     *
     * @param src native memory to send; it must stay open until the future completes
     * @return a future of the bytes sent, failing with the exception {@link #writeZeroCopy} throws
     */
    public IoFuture<Integer> writeZeroCopyAsync(MemorySegment src) {
        return handle.submit(new SendZc(fd, src).msgFlags(MsgFlags.MSG_NOSIGNAL), NO_FLAGS, null, results);
    }

    // ------------------------------------------------------------------ directions and options

    /**
     * Stops sending ({@code SHUT_WR}): the peer reads end of stream after what was sent.
     *
     * @throws IOException a {@link java.net.SocketException} naming the errno (ENOTCONN), or {@link
     * ClosedChannelException} if the connection is closed
     */
    public void shutdownOutput() throws IOException {
        shutdown(ShutdownHow.SHUT_WR);
    }

    /**
     * Stops receiving ({@code SHUT_RD}).
     *
     * @throws IOException a {@link java.net.SocketException} naming the errno (ENOTCONN), or {@link
     * ClosedChannelException} if the connection is closed
     */
    public void shutdownInput() throws IOException {
        shutdown(ShutdownHow.SHUT_RD);
    }

    private void shutdown(int how) throws IOException {
        loop.checkNotLoopThread("Connection.shutdown");
        IoErrors.await(handle.submit(new Shutdown(fd, how), NO_FLAGS, null, results));
    }

    /**
     * {@code TCP_NODELAY}: send small segments at once instead of coalescing them (Nagle's algorithm). TCP only.
     *
     * @param on whether to send at once
     * @throws IOException as {@link #setOption} throws it
     */
    public void setNoDelay(boolean on) throws IOException {
        setOption(SocketOptions.IPPROTO_TCP, SocketOptions.TCP_NODELAY, on ? 1 : 0);
    }

    /**
     * {@code SO_KEEPALIVE}: probe an idle connection.
     *
     * @param on whether to probe
     * @throws IOException as {@link #setOption} throws it
     */
    public void setKeepAlive(boolean on) throws IOException {
        setOption(SocketOptions.SOL_SOCKET, SocketOptions.SO_KEEPALIVE, on ? 1 : 0);
    }
}
