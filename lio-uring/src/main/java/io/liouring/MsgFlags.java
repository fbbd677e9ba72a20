package io.liouring;

/**
 * The {@code MSG_*} flags of {@code send(2)}/{@code recv(2)} and their {@code msg} variants, as passed in
 * {@code sqe.msg_flags}, and as reported back in {@code msghdr.msg_flags} after a receive.
 */
public final class MsgFlags {
    /** Send or receive out-of-band data (TCP urgent data). */
    public static final int MSG_OOB = 0x1;
    /** Receive without removing the data from the queue. */
    public static final int MSG_PEEK = 0x2;
    /** Send only to hosts on directly connected networks, bypassing the routing table. */
    public static final int MSG_DONTROUTE = 0x4;
    /** Reported: control data was cut short for lack of room. */
    public static final int MSG_CTRUNC = 0x8;
    /** Reported: the datagram was longer than the buffer. As a receive flag: return the real length. */
    public static final int MSG_TRUNC = 0x20;
    /** Do not block (the request fails with EAGAIN instead of waiting). */
    public static final int MSG_DONTWAIT = 0x40;
    /** End of record (SOCK_SEQPACKET). */
    public static final int MSG_EOR = 0x80;
    /** Receive: wait for the full length. */
    public static final int MSG_WAITALL = 0x100;
    /** Receive from the socket's error queue. */
    public static final int MSG_ERRQUEUE = 0x2000;
    /** Do not raise SIGPIPE on a broken connection. */
    public static final int MSG_NOSIGNAL = 0x4000;
    /** More data follows: hold back a partial frame. */
    public static final int MSG_MORE = 0x8000;
    /** Zero-copy send through the socket's error queue ({@code SO_ZEROCOPY}); io_uring has its own {@code SEND_ZC}. */
    public static final int MSG_ZEROCOPY = 0x4000000;
    /** File descriptors received with SCM_RIGHTS get {@code O_CLOEXEC}. */
    public static final int MSG_CMSG_CLOEXEC = 0x40000000;

    private MsgFlags() {
    }
}
