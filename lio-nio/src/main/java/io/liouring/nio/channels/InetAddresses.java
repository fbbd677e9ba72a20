package io.liouring.nio.channels;

import io.liouring.AddressFamily;
import io.liouring.struct.SockAddr;
import io.liouring.struct.SockAddrIn;
import io.liouring.struct.SockAddrIn6;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.util.Objects;

/**
 * Between {@link InetSocketAddress} and the kernel's {@code sockaddr_in}/{@code sockaddr_in6}. Sockets are
 * dual-stack IPv6 where the machine has IPv6 (as the JDK's are): an IPv4 address travels as an IPv4-mapped IPv6
 * address ({@code ::ffff:a.b.c.d}, {@code ipv6(7)}) and comes back as an {@link Inet4Address}.
 */
final class InetAddresses {
    private InetAddresses() {
    }

    /**
     * Checks a caller's address as the JDK does.
     *
     * @throws NullPointerException             if it is {@code null}
     * @throws UnsupportedAddressTypeException  if it is not an {@link InetSocketAddress}
     * @throws UnresolvedAddressException       if it is unresolved
     */
    static InetSocketAddress check(SocketAddress address) {
        Objects.requireNonNull(address); // without a message, as the JDK's
        if (!(address instanceof InetSocketAddress inet)) {
            throw new UnsupportedAddressTypeException();
        }
        if (inet.isUnresolved()) {
            throw new UnresolvedAddressException();
        }
        return inet;
    }

    /**
     * The kernel form of {@code address} for a socket of {@code family}. On an IPv6 socket the IPv4 wildcard
     * ({@code 0.0.0.0}, what {@code new InetSocketAddress(port)} holds) becomes the IPv6 wildcard {@code ::}, as the
     * JDK's channels pass it: bound so, a dual-stack socket listens on every IPv4 and IPv6 address, where
     * {@code ::ffff:0.0.0.0} would take IPv4 connections only.
     *
     * @throws SocketException if {@code address} is IPv6 and the socket IPv4 ({@code java.net.preferIPv4Stack}, or a
     *                         kernel without IPv6), with the JDK's message
     */
    static SockAddr toKernel(InetSocketAddress address, int family) throws SocketException {
        InetAddress ip = address.getAddress();
        if (family == AddressFamily.AF_INET6) {
            if (ip instanceof Inet6Address v6) {
                return SockAddrIn6.of(v6, address.getPort());
            }
            if (ip.isAnyLocalAddress()) {
                return SockAddrIn6.any(address.getPort());
            }
            return SockAddrIn6.of(mapped((Inet4Address) ip), address.getPort());
        }
        if (ip instanceof Inet4Address v4) {
            return SockAddrIn.of(v4, address.getPort());
        }
        throw new SocketException("IPv6 protocol family unavailable"); // the JDK's message
    }

    /** The wildcard address with an ephemeral port, for {@code bind(null)}. */
    static SockAddr anyLocal(int family) {
        return family == AddressFamily.AF_INET6 ? SockAddrIn6.any(0) : SockAddrIn.any(0);
    }

    /** The Java form of a kernel address; IPv4-mapped IPv6 addresses become {@link Inet4Address}es. */
    static InetSocketAddress fromKernel(SockAddr address) {
        if (address instanceof SockAddrIn v4) {
            return v4.toInetSocketAddress();
        }
        if (address instanceof SockAddrIn6 v6) {
            byte[] bytes = v6.address().getAddress();
            try {
                InetAddress ip = isMapped(bytes) || v6.scopeId() == 0
                        ? InetAddress.getByAddress(bytes) // turns a mapped address into an Inet4Address
                        : Inet6Address.getByAddress(null, bytes, v6.scopeId());
                return new InetSocketAddress(ip, v6.port());
            } catch (UnknownHostException e) {
                throw new IllegalStateException("the kernel returned a malformed address " + v6, e);
            }
        }
        throw new IllegalStateException("not an IP socket address: " + address);
    }

    private static boolean isMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static Inet6Address mapped(Inet4Address v4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(v4.getAddress(), 0, bytes, 12, 4);
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always an IPv6 address", e);
        }
    }
}
