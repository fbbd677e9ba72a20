package io.liouring.net;

import io.liouring.MsgFlags;
import io.liouring.ShutdownHow;
import io.liouring.SocketOptions;
import io.liouring.SocketType;
import io.liouring.UringException;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.Feature;
import io.liouring.buffer.BufferRing;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.internal.Checks;
import io.liouring.internal.SocketNames;
import io.liouring.operation.Connect;
import io.liouring.operation.Recv;
import io.liouring.operation.Send;
import io.liouring.operation.SendZc;
import io.liouring.operation.Shutdown;
import io.liouring.struct.SockAddr;

import java.lang.foreign.MemorySegment;
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
 * the loop. Sends use {@code MSG_NOSIGNAL}: a closed peer is an EPIPE, not a signal.
 */
public final class Connection extends AsyncSocket {
    Connection(EventLoop loop, int fd) {
        super(loop, fd);
    }

    /** Connects to {@code address} (IPv4, IPv6 or Unix), waiting as long as the kernel does. */
    public static Connection connect(EventLoop loop, SockAddr address) {
        return connect(loop, address, null);
    }

    /**
     * Connects to {@code address}; the kernel gives up after {@code timeout} (a linked timeout), which fails
     * with a {@link UringException} naming ETIME. {@code null}: no timeout.
     */
    public static Connection connect(EventLoop loop, SockAddr address, Duration timeout) {
        Objects.requireNonNull(address, "address");
        int fd = open(loop, address.family(), SocketType.SOCK_STREAM);
        try {
            loop.submit(new Connect(fd, address), NO_FLAGS, timeout, (op, userData, result, flags) -> {
                if (result < 0) {
                    throw new UringException("connect(" + address + ")", -result);
                }
                return result;
            }).await();
            return new Connection(loop, fd);
        } catch (RuntimeException | Error e) {
            Fd.close(fd);
            throw e;
        }
    }

    /** Takes over a connected stream socket (for example one end of a {@code socketpair}); {@link #close()} closes it. */
    public static Connection of(EventLoop loop, int fd) {
        Checks.requireNonNegative(fd, "fd");
        return new Connection(loop, fd);
    }

    /** The peer's address ({@code getpeername(2)}). */
    public SockAddr remoteAddress() {
        ensureOpen();
        return SocketNames.peer(fd);
    }

    // ------------------------------------------------------------------ receiving

    /** Receives what has arrived, up to {@code dst.byteSize()} bytes; waits for at least one. 0: the peer is done sending. */
    public int read(MemorySegment dst) {
        return readAsync(dst).await();
    }

    public IoFuture<Integer> readAsync(MemorySegment dst) {
        ensureOpen();
        return loop.submitResult(new Recv(fd, dst));
    }

    /** Receives until {@code dst} is full or the peer is done; returns the bytes received. */
    public long readFully(MemorySegment dst) {
        ensureOpen();
        Checks.requireNative(dst, "dst");
        Recv recv = null;
        long done = 0;
        while (done < dst.byteSize()) {
            MemorySegment rest = dst.asSlice(done, Math.min(dst.byteSize() - done, Integer.MAX_VALUE));
            recv = recv == null ? new Recv(fd, rest) : recv.buffer(rest);
            int n = loop.callResult(recv);
            if (n == 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    /**
     * Receives everything that arrives, as it arrives, without a request per read: a multishot receive selects
     * buffers from {@code buffers} (registered on this connection's loop, e.g.
     * {@code loop.runOnLoop(ring -> BufferRing.register(ring, group, count, size)).join()}), in bundles where the
     * kernel supports them (6.10). {@code receiver} gets each filled buffer on the loop thread, must not block,
     * and must copy what it keeps: the buffer goes back to the ring when it returns.
     */
    public Receiving receiveEach(BufferRing buffers, Consumer<MemorySegment> receiver) {
        return receiveEach(buffers, receiver, loop.features().contains(Feature.RECVSEND_BUNDLE));
    }

    Receiving receiveEach(BufferRing buffers, Consumer<MemorySegment> receiver, boolean bundles) {
        Objects.requireNonNull(buffers, "buffers");
        Objects.requireNonNull(receiver, "receiver");
        ensureOpen();
        return new Receiving(loop, fd, buffers, receiver, bundles).start();
    }

    // ------------------------------------------------------------------ sending

    /** Sends what the socket takes of {@code src} now (at least one byte); returns the bytes sent. */
    public int write(MemorySegment src) {
        return writeAsync(src).await();
    }

    public IoFuture<Integer> writeAsync(MemorySegment src) {
        ensureOpen();
        return loop.submitResult(new Send(fd, src).msgFlags(MsgFlags.MSG_NOSIGNAL));
    }

    /** Sends all of {@code src}, resubmitting after short sends. */
    public void writeFully(MemorySegment src) {
        ensureOpen();
        Checks.requireNative(src, "src");
        Send send = null;
        long done = 0;
        while (done < src.byteSize()) {
            MemorySegment rest = src.asSlice(done, Math.min(src.byteSize() - done, Integer.MAX_VALUE));
            send = send == null ? new Send(fd, rest).msgFlags(MsgFlags.MSG_NOSIGNAL) : send.buffer(rest);
            int n = loop.callResult(send);
            if (n == 0) {
                throw new UringException("send(fd=" + fd + ")", Errno.EIO.number(), "the kernel sent 0 bytes");
            }
            done += n;
        }
    }

    /**
     * Sends {@code src} without copying it into the kernel ({@code IORING_OP_SEND_ZC}, 6.0); returns the bytes
     * sent once the kernel's notification says it no longer reads the buffer, so {@code src} may be reused
     * or freed when this returns. Worth it for large buffers; small ones are cheaper to copy.
     */
    public int writeZeroCopy(MemorySegment src) {
        return writeZeroCopyAsync(src).await();
    }

    /** {@link #writeZeroCopy} as a future, which completes only after the notification. */
    public IoFuture<Integer> writeZeroCopyAsync(MemorySegment src) {
        ensureOpen();
        return loop.submitResult(new SendZc(fd, src).msgFlags(MsgFlags.MSG_NOSIGNAL));
    }

    // ------------------------------------------------------------------ directions and options

    /** Stops sending ({@code SHUT_WR}): the peer reads end of stream after what was sent. */
    public void shutdownOutput() {
        shutdown(ShutdownHow.SHUT_WR);
    }

    /** Stops receiving ({@code SHUT_RD}). */
    public void shutdownInput() {
        shutdown(ShutdownHow.SHUT_RD);
    }

    private void shutdown(int how) {
        ensureOpen();
        loop.callResult(new Shutdown(fd, how));
    }

    /** {@code TCP_NODELAY}: send small segments at once instead of coalescing them (Nagle's algorithm). TCP only. */
    public void setNoDelay(boolean on) {
        setOption(SocketOptions.IPPROTO_TCP, SocketOptions.TCP_NODELAY, on ? 1 : 0);
    }

    /** {@code SO_KEEPALIVE}: probe an idle connection. */
    public void setKeepAlive(boolean on) {
        setOption(SocketOptions.SOL_SOCKET, SocketOptions.SO_KEEPALIVE, on ? 1 : 0);
    }
}
