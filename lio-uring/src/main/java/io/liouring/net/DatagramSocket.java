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

    /**
     * {@return a socket bound to {@code address} (port 0: a free port)}
     *
     * @param loop the loop that runs the socket's requests
     * @param address the local address: a {@code SockAddrIn}, {@code SockAddrIn6} or {@code SockAddrUn}
     * @throws IOException a {@link java.net.BindException} if the address is in use or not available, or another {@link
     * java.net.SocketException} naming the errno
     */
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
     * {@return an unbound socket of {@code family} ({@code AddressFamily.AF_INET}, {@code AF_INET6}, {@code AF_UNIX}):
     * an IP socket gets an ephemeral port on its first send; a Unix one sends as an unnamed address}
     *
     * @param loop the loop that runs the socket's requests
     * @param family the address family
     * @throws IOException a {@link java.net.SocketException} naming the errno (EAFNOSUPPORT for an unknown family)
     */
    public static DatagramSocket open(EventLoop loop, int family) throws IOException {
        return new DatagramSocket(loop, open(loop, family, SocketType.SOCK_DGRAM));
    }

    /**
     * Sends one datagram to {@code destination}; returns its length.
     *
     * @param data native memory holding the datagram
     * @param destination the receiver's address
     * @return bytes sent: the datagram's length
     * @throws IOException a {@link java.net.SocketException} naming the errno (EMSGSIZE if too large); {@link
     * java.nio.channels.AsynchronousCloseException} if the socket was closed meanwhile
     */
    public int send(MemorySegment data, SockAddr destination) throws IOException {
        loop.checkNotLoopThread("DatagramSocket.send");
        return IoErrors.await(sendAsync(data, destination));
    }

    /**
     * {@link #send(MemorySegment, SockAddr)} as a future.
     *
     * @param data native memory holding the datagram; it must stay open until the future completes
     * @param destination the receiver's address
     * @return a future of the bytes sent, failing with the exception the blocking send throws
     */
    public IoFuture<Integer> sendAsync(MemorySegment data, SockAddr destination) {
        Objects.requireNonNull(destination, "destination");
        return handle.submit(new Send(fd, data).to(destination).msgFlags(MsgFlags.MSG_NOSIGNAL), NO_FLAGS, null,
                results);
    }

    /**
     * Fixes the peer ({@code connect(2)} through the ring): {@link #send(MemorySegment)} then needs no address.
     *
     * @param peer the only address to send to and receive from
     * @throws IOException a {@link java.net.SocketException} naming the errno
     */
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

    /**
     * Sends one datagram to the connected peer.
     *
     * @param data native memory holding the datagram
     * @return bytes sent: the datagram's length
     * @throws IOException a {@link java.net.SocketException} naming the errno (EDESTADDRREQ if not connected;
     * ECONNREFUSED after an ICMP port unreachable)
     */
    public int send(MemorySegment data) throws IOException {
        loop.checkNotLoopThread("DatagramSocket.send");
        return IoErrors.await(handle.submit(new Send(fd, data).msgFlags(MsgFlags.MSG_NOSIGNAL), NO_FLAGS, null,
                results));
    }

    /**
     * Waits for one datagram, placing up to {@code buffer.byteSize()} bytes of it in {@code buffer}.
     *
     * @param buffer native memory for the payload; a longer datagram is cut off ({@link Datagram} says so)
     * @return the datagram: its length, whether it was truncated, and the sender's address
     * @throws IOException a {@link java.net.SocketException} naming the errno; {@link
     * java.nio.channels.AsynchronousCloseException} if the socket was closed meanwhile
     */
    public Datagram receive(MemorySegment buffer) throws IOException {
        loop.checkNotLoopThread("DatagramSocket.receive");
        return IoErrors.await(receiveAsync(buffer));
    }

    /**
     * {@link #receive} as a future.
     *
     * @param buffer native memory for the payload; it must stay open until the future completes
     * @return a future of the datagram, failing with the exception {@link #receive} throws
     */
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
