package io.liouring.operation;

import java.nio.ByteOrder;

/**
 * The event bits of {@code poll(2)} ({@code POLL*}) and {@code epoll(7)} ({@code EPOLL*}: the same values,
 * plus the epoll-only modifier bits), for {@link PollAdd}, {@link PollUpdate}, {@link EpollCtl} and the
 * results of poll completions.
 */
public final class PollEvents {
    /** There is data to read. */
    public static final int POLLIN = 0x001;
    /** There is an exceptional condition (urgent TCP data, a cgroup event, …). */
    public static final int POLLPRI = 0x002;
    /** Writing is possible. */
    public static final int POLLOUT = 0x004;
    /** Error condition (always reported, need not be asked for). */
    public static final int POLLERR = 0x008;
    /** Hang up: the other end closed (always reported). */
    public static final int POLLHUP = 0x010;
    /** The fd is not open (poll(2) only). */
    public static final int POLLNVAL = 0x020;
    /** Normal data to read (same as POLLIN for most files). */
    public static final int POLLRDNORM = 0x040;
    /** Priority band data to read. */
    public static final int POLLRDBAND = 0x080;
    /** Writing normal data is possible. */
    public static final int POLLWRNORM = 0x100;
    /** Writing priority data is possible. */
    public static final int POLLWRBAND = 0x200;
    /** Unused on Linux. */
    public static final int POLLMSG = 0x400;
    /** The peer shut down writing on a stream socket (2.6.17). */
    public static final int POLLRDHUP = 0x2000;

    /** epoll: wake only one of several epoll instances waiting on the same fd (4.5; {@code EPOLL_CTL_ADD} only). */
    public static final int EPOLLEXCLUSIVE = 1 << 28;
    /** epoll: hold a wakeup source while the event is pending (needs CAP_BLOCK_SUSPEND). */
    public static final int EPOLLWAKEUP = 1 << 29;
    /** epoll: report the fd once, then disable it until re-armed with {@code EPOLL_CTL_MOD}. */
    public static final int EPOLLONESHOT = 1 << 30;
    /** epoll: edge-triggered reporting. */
    public static final int EPOLLET = 1 << 31;

    private static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    private PollEvents() {
    }

    /** The {@code sqe.poll32_events} value of a mask: the kernel swaps its 16-bit halves on big-endian CPUs. */
    static int toSqe(int events) {
        return BIG_ENDIAN ? Integer.rotateLeft(events, 16) : events;
    }
}
