package io.liouring.struct;

import io.liouring.AddressFamily;

import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;

/**
 * An IPv6 socket address ({@code struct sockaddr_in6}, 28 bytes, {@code ipv6(7)}): family, port and flow
 * info in network byte order, the 16-byte address, and the scope id (interface index) in host order.
 */
public final class SockAddrIn6 implements SockAddr {
    /** {@code sizeof(struct sockaddr_in6)}. */
    public static final int SIZE = 28;
    private static final long PORT = 2;
    private static final long FLOWINFO = 4;
    private static final long ADDR = 8;
    private static final long SCOPE_ID = 24;

    private final MemorySegment segment;

    private SockAddrIn6(MemorySegment segment) {
        this.segment = segment;
    }

    /**
     * {@return the address and port; the scope id is taken from the address (0 if it has none)}
     *
     * @param address the IPv6 address
     * @param port the port, 0 to 65535 (0: the kernel picks one when binding)
     */
    public static SockAddrIn6 of(Inet6Address address, int port) {
        Objects.requireNonNull(address, "address");
        MemorySegment s = SockAddrs.allocate(SIZE, AddressFamily.AF_INET6);
        s.set(SockAddrs.NET_SHORT, PORT, (short) SockAddrs.requirePort(port));
        MemorySegment.copy(address.getAddress(), 0, s, JAVA_BYTE, ADDR, 16);
        s.set(JAVA_INT_UNALIGNED, SCOPE_ID, address.getScopeId());
        return new SockAddrIn6(s);
    }

    /**
     * {@code [::1]:port}.
     *
     * @param port the port, 0 to 65535
     * @return the loopback address with {@code port}
     */
    public static SockAddrIn6 loopback(int port) {
        byte[] bytes = new byte[16];
        bytes[15] = 1;
        return of(v6(bytes, 0), port);
    }

    /**
     * {@code [::]:port}: every local address ({@code in6addr_any}).
     *
     * @param port the port, 0 to 65535 (0: the kernel picks one)
     * @return the wildcard address with {@code port}
     */
    public static SockAddrIn6 any(int port) {
        return of(v6(new byte[16], 0), port);
    }

    static SockAddrIn6 read(MemorySegment memory, int length) {
        SockAddrs.requireLength("sockaddr_in6", length, SIZE);
        return new SockAddrIn6(SockAddrs.copy(memory, SIZE));
    }

    /** An Inet6Address; a scope id of 0 means none (-1 keeps "%0" out of its text form). */
    private static Inet6Address v6(byte[] bytes, int scopeId) {
        try {
            return Inet6Address.getByAddress(null, bytes, scopeId == 0 ? -1 : scopeId);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int family() {
        return AddressFamily.AF_INET6;
    }

    @Override
    public MemorySegment segment() {
        return segment;
    }

    /** {@return {@code sin6_port}, converted from network byte order} */
    public int port() {
        return Short.toUnsignedInt(segment.get(SockAddrs.NET_SHORT, PORT));
    }

    /** {@return {@code sin6_flowinfo}} */
    public int flowInfo() {
        return segment.get(SockAddrs.NET_INT, FLOWINFO);
    }

    /** {@return {@code sin6_scope_id}: the interface index of a link-local address, else 0} */
    public int scopeId() {
        return segment.get(JAVA_INT_UNALIGNED, SCOPE_ID);
    }

    /** {@return {@code sin6_addr}, with the scope id if it has one} */
    public Inet6Address address() {
        return v6(segment.asSlice(ADDR, 16).toArray(JAVA_BYTE), scopeId());
    }

    /** {@return the address and port as a JDK socket address} */
    public InetSocketAddress toInetSocketAddress() {
        return new InetSocketAddress(address(), port());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SockAddrIn6 other && SockAddrs.sameBytes(segment, other.segment);
    }

    @Override
    public int hashCode() {
        return SockAddrs.hash(segment);
    }

    @Override
    public String toString() {
        return "[" + address().getHostAddress() + "]:" + port();
    }
}
