package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.struct.EpollEvent;

/**
 * Adds, changes or removes a file descriptor in an epoll instance's interest list, like {@code epoll_ctl(2)}
 * ({@code IORING_OP_EPOLL_CTL}, Linux 5.6; {@code io_uring_prep_epoll_ctl(3)}). The kernel logs that this opcode
 * is deprecated and may be removed; prefer {@link PollAdd} for new code.
 *
 * <p>Completes with 0 or {@code -errno} ({@code -EEXIST} adding an fd twice, {@code -ENOENT} changing or removing
 * one that is not there). The event struct belongs to this operation.
 */
public final class EpollCtl implements Operation {
    /** {@code EPOLL_CTL_ADD}. */
    public static final int ADD = 1;
    /** {@code EPOLL_CTL_DEL}. */
    public static final int DEL = 2;
    /** {@code EPOLL_CTL_MOD}. */
    public static final int MOD = 3;

    private final EpollEvent event = EpollEvent.allocate(1);
    private int epfd;
    private int op;
    private int fd;

    private EpollCtl(int epfd, int op, int fd, int events, long data) {
        this.epfd = epfd;
        this.op = op;
        this.fd = fd;
        event.set(0, events, data);
    }

    /**
     * Watch {@code fd} for {@code events} ({@link PollEvents}, with {@code EPOLLET}/{@code EPOLLONESHOT}/…);
     * {@code data} comes back with each of its events.
     *
     * @param epfd the epoll instance
     * @param fd the descriptor to watch
     * @param events {@link PollEvents} bits, with {@code EPOLLET}, {@code EPOLLONESHOT} or {@code EPOLLEXCLUSIVE} if
     * wanted
     * @param data the caller's 64-bit value, reported with each event
     * @return the {@code EPOLL_CTL_ADD} request
     */
    public static EpollCtl add(int epfd, int fd, int events, long data) {
        return new EpollCtl(epfd, ADD, fd, events, data);
    }

    /**
     * Change the events and data of a watched {@code fd}.
     *
     * @param epfd the epoll instance
     * @param fd the watched descriptor
     * @param events the new {@link PollEvents} bits
     * @param data the new 64-bit value
     * @return the {@code EPOLL_CTL_MOD} request
     */
    public static EpollCtl modify(int epfd, int fd, int events, long data) {
        return new EpollCtl(epfd, MOD, fd, events, data);
    }

    /**
     * Stop watching {@code fd}.
     *
     * @param epfd the epoll instance
     * @param fd the watched descriptor
     * @return the {@code EPOLL_CTL_DEL} request
     */
    public static EpollCtl delete(int epfd, int fd) {
        return new EpollCtl(epfd, DEL, fd, 0, 0);
    }

    /**
     * Change the events and data (for reuse).
     *
     * @param events {@link PollEvents} bits
     * @param data the caller's 64-bit value
     * @return this operation
     */
    public EpollCtl event(int events, long data) {
        event.set(0, events, data);
        return this;
    }

    /**
     * Change the watched fd (for reuse).
     *
     * @param fd the descriptor to watch
     * @return this operation
     */
    public EpollCtl fd(int fd) {
        this.fd = fd;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(Opcode.EPOLL_CTL, epfd, op == DEL ? 0 : event.segment().address(), op, Integer.toUnsignedLong(fd));
    }
}
