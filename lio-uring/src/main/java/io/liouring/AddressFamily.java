package io.liouring;

/**
 * The {@code AF_*} address families of {@code socket(2)} and {@code struct sockaddr} ({@code address_families(7)}),
 * for the socket operations and the socket-address structs.
 */
public final class AddressFamily {
    /** No address: what an unbound socket or an empty address reports. */
    public static final int AF_UNSPEC = 0;
    /** Local (Unix-domain) sockets, {@code unix(7)}. */
    public static final int AF_UNIX = 1;
    /** IPv4, {@code ip(7)}. */
    public static final int AF_INET = 2;
    /** IPv6, {@code ipv6(7)}. */
    public static final int AF_INET6 = 10;

    private AddressFamily() {
    }
}
