package io.liouring.struct;

import io.liouring.AddressFamily;

import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

/**
 * A socket address in native memory ({@code struct sockaddr}, {@code sockaddr(3type)}), as {@code bind(2)},
 * {@code connect(2)}, {@code sendto(2)} take it and {@code accept(2)}, {@code recvmsg(2)},
 * {@code getsockname(2)} return it: IPv4 ({@link SockAddrIn}), IPv6 ({@link SockAddrIn6}) or Unix
 * ({@link SockAddrUn}, including abstract and unnamed addresses).
 *
 * <p>Immutable; each instance owns its native copy, whose size is exactly the address length.
 */
public sealed interface SockAddr permits SockAddrIn, SockAddrIn6, SockAddrUn {
    /** {@return the {@link AddressFamily} value ({@code sa_family})} */
    int family();

    /** {@return the native struct, exactly {@link #length()} bytes, for the kernel} */
    MemorySegment segment();

    /** {@return the address length ({@code socklen_t}) to pass with it} */
    default int length() {
        return (int) segment().byteSize();
    }

    /**
     * {@return the native address of an IPv4 or IPv6 socket address (resolved, not a host name to look up)}
     *
     * @param address a resolved IPv4 or IPv6 address and port
     */
    static SockAddr of(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("address is unresolved (" + address.getHostString()
                    + "): resolve the host name first");
        }
        return switch (address.getAddress()) {
            case Inet4Address v4 -> SockAddrIn.of(v4, address.getPort());
            case Inet6Address v6 -> SockAddrIn6.of(v6, address.getPort());
            default -> throw new IllegalArgumentException("unsupported address type: " + address.getAddress());
        };
    }

    /**
     * Reads a socket address the kernel wrote: the first {@code length} bytes of {@code memory}, as
     * {@code accept}, {@code recvmsg} or {@code getsockname} report them. The result is a copy.
     *
     * @param memory the native memory the kernel wrote the address into
     * @param length the address length the kernel reported ({@code addrlen}), at least 2
     * @return a {@link SockAddrIn}, {@link SockAddrIn6} or {@link SockAddrUn} holding a copy of the bytes
     * @throws IllegalArgumentException if the length does not fit the memory, is too short for the family,
     *                                  or the family is not IPv4, IPv6 or Unix
     */
    static SockAddr parse(MemorySegment memory, int length) {
        Objects.requireNonNull(memory, "memory");
        if (length < 2 || length > memory.byteSize()) {
            throw new IllegalArgumentException("length must be between 2 (the family field) and the memory's "
                    + memory.byteSize() + " bytes: " + length);
        }
        int family = Short.toUnsignedInt(memory.get(JAVA_SHORT_UNALIGNED, 0));
        return switch (family) {
            case AddressFamily.AF_INET -> SockAddrIn.read(memory, length);
            case AddressFamily.AF_INET6 -> SockAddrIn6.read(memory, length);
            case AddressFamily.AF_UNIX -> SockAddrUn.read(memory, length);
            default -> throw new IllegalArgumentException("unsupported address family " + family
                    + " (supported: AF_INET, AF_INET6, AF_UNIX)");
        };
    }
}
