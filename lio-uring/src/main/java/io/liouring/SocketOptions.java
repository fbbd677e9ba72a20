package io.liouring;

/**
 * Levels and names of socket options for {@code getsockopt(2)}/{@code setsockopt(2)} ({@code socket(7)},
 * {@code tcp(7)}, {@code ipv6(7)}), and the protocol numbers of {@code socket(2)}.
 */
public final class SocketOptions {
    /** Level of the generic socket options ({@code SO_*}); also the level of {@code SCM_*} control messages. */
    public static final int SOL_SOCKET = 1;
    /** Level of IPv4 options, and "default protocol" for {@code socket(2)}. */
    public static final int IPPROTO_IP = 0;
    /** TCP: level of {@code TCP_*} options and protocol number. */
    public static final int IPPROTO_TCP = 6;
    /** UDP protocol number. */
    public static final int IPPROTO_UDP = 17;
    /** Level of IPv6 options ({@code IPV6_*}). */
    public static final int IPPROTO_IPV6 = 41;

    /** Enable protocol debugging (needs {@code CAP_NET_ADMIN}). */
    public static final int SO_DEBUG = 1;
    /** Allow binding to an address still in TIME_WAIT; set before binding. */
    public static final int SO_REUSEADDR = 2;
    /** The socket type ({@code SOCK_*}); read-only. */
    public static final int SO_TYPE = 3;
    /** The pending socket error, cleared on read; read-only. */
    public static final int SO_ERROR = 4;
    /** Send only to directly connected hosts, bypassing the routing table. */
    public static final int SO_DONTROUTE = 5;
    /** Allow a datagram socket to send to a broadcast address. */
    public static final int SO_BROADCAST = 6;
    /** Send buffer size; the kernel doubles the value set. */
    public static final int SO_SNDBUF = 7;
    /** Receive buffer size; the kernel doubles the value set. */
    public static final int SO_RCVBUF = 8;
    /** Send keep-alive probes on an idle connection. */
    public static final int SO_KEEPALIVE = 9;
    /** Receive out-of-band data inline with the normal data. */
    public static final int SO_OOBINLINE = 10;
    /** How {@code close(2)} waits for unsent data ({@code struct linger}, not an int). */
    public static final int SO_LINGER = 13;
    /** Let several sockets bind the same address and port; the kernel spreads connections among them. */
    public static final int SO_REUSEPORT = 15;
    /** The fewest bytes a receive waits for before it completes. */
    public static final int SO_RCVLOWAT = 18;
    /** Whether the socket listens; read-only. */
    public static final int SO_ACCEPTCONN = 30;
    /** The socket's protocol; read-only. */
    public static final int SO_PROTOCOL = 38;
    /** The socket's address family; read-only. */
    public static final int SO_DOMAIN = 39;
    /** Allow {@code MSG_ZEROCOPY} sends (not needed for io_uring's zero-copy sends). */
    public static final int SO_ZEROCOPY = 60;

    /** {@code IPPROTO_TCP} level: send segments at once, without Nagle's delay. */
    public static final int TCP_NODELAY = 1;
    /** {@code IPPROTO_IPV6} level: an IPv6 socket accepts IPv6 only, not IPv4-mapped peers. */
    public static final int IPV6_V6ONLY = 26;

    private SocketOptions() {
    }
}
