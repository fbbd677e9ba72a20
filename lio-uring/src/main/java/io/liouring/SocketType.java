package io.liouring;

/**
 * The {@code SOCK_*} socket types of {@code socket(2)}, and the flags that can be OR-ed into a type
 * ({@link #SOCK_NONBLOCK}, {@link #SOCK_CLOEXEC}; also the flags of {@code accept4(2)}).
 */
public final class SocketType {
    /** Connected byte stream (TCP, stream Unix sockets). */
    public static final int SOCK_STREAM = 1;
    /** Datagrams (UDP, datagram Unix sockets). */
    public static final int SOCK_DGRAM = 2;
    /** Raw protocol access. */
    public static final int SOCK_RAW = 3;
    /** Connected, reliable, record-preserving datagrams. */
    public static final int SOCK_SEQPACKET = 5;
    /** The new descriptor is non-blocking. */
    public static final int SOCK_NONBLOCK = 04000;
    /** The new descriptor is closed on {@code execve(2)}. */
    public static final int SOCK_CLOEXEC = 02000000;

    private SocketType() {
    }
}
