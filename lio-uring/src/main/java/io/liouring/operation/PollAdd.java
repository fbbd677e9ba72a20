package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

/**
 * Waits until a file descriptor is ready, like {@code poll(2)} on one fd ({@code IORING_OP_POLL_ADD},
 * Linux 5.1; {@code io_uring_prep_poll_add(3)}, {@code io_uring_prep_poll_multishot(3)}).
 *
 * <p>Completes with the ready {@link PollEvents} mask ({@code POLLIN}, …) or {@code -errno}; {@code -ECANCELED}
 * once removed by {@link PollRemove} or {@link AsyncCancel}. One-shot by default; {@link #multishot()} (5.13) posts a
 * completion with {@code F_MORE} on every wakeup until removed or until one arrives without {@code F_MORE}.
 * Find it again by the {@code user_data} it was pushed with ({@link PollRemove}, {@link PollUpdate}).
 *
 * <p><b>Level or edge.</b> The kernel checks readiness when it arms a poll: a one-shot poll on a descriptor that is
 * already ready completes at once, so arming it again after each completion, without draining the descriptor, gives
 * level-triggered behaviour. A multishot poll posts at arming if the descriptor is ready, then once per wakeup of
 * the descriptor (new data, a new connection), not again for data left unread: edge-triggered. There is no
 * level-triggered multishot: {@code IORING_POLL_ADD_LEVEL} is in the UAPI header, but the kernel disabled it before
 * 6.0 was released and {@code io_poll_add_prep} refuses it with {@code -EINVAL} on every mainline kernel, so this
 * class does not offer it.
 */
public final class PollAdd implements Operation {
    static final int ADD_MULTI = 1;

    private int fd;
    private int events;
    private int flags;

    /**
     * Waits until {@code fd} reports one of {@code events}.
     *
     * @param fd     the file descriptor (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param events the {@link PollEvents} to wait for
     */
    public PollAdd(int fd, int events) {
        this.fd = fd;
        this.events = events;
    }

    /**
     * Change the fd (for reuse).
     *
     * @param fd the descriptor to poll
     * @return this operation
     */
    public PollAdd fd(int fd) {
        this.fd = fd;
        return this;
    }

    /**
     * Change the events (for reuse).
     *
     * @param events {@link PollEvents} bits
     * @return this operation
     */
    public PollAdd events(int events) {
        this.events = events;
        return this;
    }

    /**
     * Stay armed and post a completion (with {@code F_MORE}) on every wakeup ({@code IORING_POLL_ADD_MULTI}, 5.13).
     *
     * @return this operation
     */
    public PollAdd multishot() {
        flags |= ADD_MULTI;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.opcode(Opcode.POLL_ADD).fd(fd).len(flags).opFlags(PollEvents.toSqe(events));
    }
}
