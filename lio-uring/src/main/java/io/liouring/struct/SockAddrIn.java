package io.liouring.struct;

import io.liouring.AddressFamily;

import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * An IPv4 socket address ({@code struct sockaddr_in}, 16 bytes, {@code ip(7)}): family, port and address,
 * both in network byte order.
 */
public final class SockAddrIn implements SockAddr {
    /** {@code sizeof(struct sockaddr_in)}. */
    public static final int SIZE = 16;
    private static final long PORT = 2;
    private static final long ADDR = 4;

    private final MemorySegment segment;

    private SockAddrIn(MemorySegment segment) {
        this.segment = segment;
    }

    /**
     * {@return {@code address:port} as a {@code sockaddr_in}}
     *
     * @param address the IPv4 address
     * @param port the port, 0 to 65535 (0: the kernel picks one when binding)
     */
    public static SockAddrIn of(Inet4Address address, int port) {
        Objects.requireNonNull(address, "address");
        MemorySegment s = SockAddrs.allocate(SIZE, AddressFamily.AF_INET);
        s.set(SockAddrs.NET_SHORT, PORT, (short) SockAddrs.requirePort(port));
        MemorySegment.copy(address.getAddress(), 0, s, JAVA_BYTE, ADDR, 4);
        return new SockAddrIn(s);
    }

    /**
     * {@code 127.0.0.1:port}.
     *
     * @param port the port, 0 to 65535
     * @return the loopback address with {@code port}
     */
    public static SockAddrIn loopback(int port) {
        return of(v4(new byte[] {127, 0, 0, 1}), port);
    }

    /**
     * {@code 0.0.0.0:port}: every local address ({@code INADDR_ANY}).
     *
     * @param port the port, 0 to 65535 (0: the kernel picks one)
     * @return the wildcard address with {@code port}
     */
    public static SockAddrIn any(int port) {
        return of(v4(new byte[4]), port);
    }

    static SockAddrIn read(MemorySegment memory, int length) {
        SockAddrs.requireLength("sockaddr_in", length, SIZE);
        return new SockAddrIn(SockAddrs.copy(memory, SIZE));
    }

    private static Inet4Address v4(byte[] bytes) {
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int family() {
        return AddressFamily.AF_INET;
    }

    @Override
    public MemorySegment segment() {
        return segment;
    }

    /** {@return {@code sin_port}, converted from network byte order} */
    public int port() {
        return Short.toUnsignedInt(segment.get(SockAddrs.NET_SHORT, PORT));
    }

    /** {@return {@code sin_addr}} */
    public Inet4Address address() {
        return v4(segment.asSlice(ADDR, 4).toArray(JAVA_BYTE));
    }

    /** {@return the address and port as a JDK socket address} */
    public InetSocketAddress toInetSocketAddress() {
        return new InetSocketAddress(address(), port());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SockAddrIn other && SockAddrs.sameBytes(segment, other.segment);
    }

    @Override
    public int hashCode() {
        return SockAddrs.hash(segment);
    }

    @Override
    public String toString() {
        return address().getHostAddress() + ":" + port();
    }
}
