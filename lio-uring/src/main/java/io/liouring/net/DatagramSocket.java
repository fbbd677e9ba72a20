package io.liouring.net;

import io.liouring.MsgFlags;
import io.liouring.SocketType;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.internal.IoErrors;
import io.liouring.operation.Bind;
import io.liouring.operation.Connect;
import io.liouring.operation.RecvMsg;
import io.liouring.operation.Send;
import io.liouring.struct.IoVecArray;
import io.liouring.struct.MsgHdr;
import io.liouring.struct.SockAddr;
import io.liouring.struct.SockAddrUn;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A datagram socket — UDP over IPv4 or IPv6, or a Unix-domain datagram socket — driven by an
 * {@link EventLoop}: send to an address ({@code sendto} form of {@code IORING_OP_SEND}, 6.0), receive with the
 * sender's address ({@code IORING_OP_RECVMSG}, 5.3), or {@link #connect} to one peer.
 */
public final class DatagramSocket extends AsyncSocket {
    private DatagramSocket(EventLoop loop, int fd) {
        super(loop, fd);
    }

    /** A socket bound to {@code address} (port 0: a free port). */
    public static DatagramSocket bind(EventLoop loop, SockAddr address) throws IOException {
        loop.checkNotLoopThread("DatagramSocket.bind");
        Objects.requireNonNull(address, "address");
        DatagramSocket socket = new DatagramSocket(loop, open(loop, address.family(), SocketType.SOCK_DGRAM));
        try {
            IoErrors.await(socket.handle.submit(new Bind(socket.fd, address), NO_FLAGS, null,
                    (op, userData, result, flags) -> {
                        if (result < 0) {
                            throw IoErrors.socket("bind", address, result);
                        }
                        return result;
                    }));
            return socket;
        } catch (IOException | RuntimeException | Error e) {
            socket.closeAfterFailure(e);
            throw e;
        }
    }

    /**
     * An unbound socket of {@code family} ({@code AddressFamily.AF_INET}, {@code AF_INET6}, {@code AF_UNIX}):
     * an IP socket gets an ephemeral port on its first send; a Unix one sends as an unnamed address.
     */
    public static DatagramSocket open(EventLoop loop, int family) throws IOException {
        return new DatagramSocket(loop, open(loop, family, SocketType.SOCK_DGRAM));
    }

    /** Sends one datagram to {@code destination}; returns its length. */
    public int send(MemorySegment data, SockAddr destination) throws IOException {
        loop.checkNotLoopThread("DatagramSocket.send");
        return IoErrors.await(sendAsync(data, destination));
    }

    /** {@link #send(MemorySegment, SockAddr)} as a future. */
    public IoFuture<Integer> sendAsync(MemorySegment data, SockAddr destination) {
        Objects.requireNonNull(destination, "destination");
        return handle.submit(new Send(fd, data).to(destination).msgFlags(MsgFlags.MSG_NOSIGNAL), NO_FLAGS, null,
                results);
    }

    /** Fixes the peer ({@code connect(2)} through the ring): {@link #send(MemorySegment)} then needs no address. */
    public void connect(SockAddr peer) throws IOException {
        loop.checkNotLoopThread("DatagramSocket.connect");
        Objects.requireNonNull(peer, "peer");
        IoErrors.await(handle.submit(new Connect(fd, peer), NO_FLAGS, null, (op, userData, result, flags) -> {
            if (result < 0) {
                throw IoErrors.socket("connect", peer, result);
            }
            return result;
        }));
    }

    /** Sends one datagram to the connected peer. */
    public int send(MemorySegment data) throws IOException {
        loop.checkNotLoopThread("DatagramSocket.send");
        return IoErrors.await(handle.submit(new Send(fd, data).msgFlags(MsgFlags.MSG_NOSIGNAL), NO_FLAGS, null,
                results));
    }

    /** Waits for one datagram, placing up to {@code buffer.byteSize()} bytes of it in {@code buffer}. */
    public Datagram receive(MemorySegment buffer) throws IOException {
        loop.checkNotLoopThread("DatagramSocket.receive");
        return IoErrors.await(receiveAsync(buffer));
    }

    /** {@link #receive} as a future. */
    public IoFuture<Datagram> receiveAsync(MemorySegment buffer) {
        MsgHdr message = MsgHdr.of(IoVecArray.of(buffer)).receiveName();
        return handle.submit(new RecvMsg(fd, message).msgFlags(0), NO_FLAGS, null, (op, userData, result, flags) -> {
            if (result < 0) {
                throw IoErrors.socket("recvmsg", this, result);
            }
            SockAddr sender = message.receivedName().orElseGet(SockAddrUn::unnamed);
            return new Datagram(result, sender, (message.flags() & MsgFlags.MSG_TRUNC) != 0);
        });
    }
}
