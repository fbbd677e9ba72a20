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
 */
public final class PollAdd implements Operation {
    static final int ADD_MULTI = 1;
    static final int ADD_LEVEL = 1 << 3;

    private int fd;
    private int events;
    private int flags;

    /**
     * @param fd     the file descriptor (or registered-file index, pushed with {@code SqeFlags.FIXED_FILE})
     * @param events the {@link PollEvents} to wait for
     */
    public PollAdd(int fd, int events) {
        this.fd = fd;
        this.events = events;
    }

    /** Change the fd (for reuse). */
    public PollAdd fd(int fd) {
        this.fd = fd;
        return this;
    }

    /** Change the events (for reuse). */
    public PollAdd events(int events) {
        this.events = events;
        return this;
    }

    /** Stay armed and post a completion (with {@code F_MORE}) on every wakeup ({@code IORING_POLL_ADD_MULTI}, 5.13). */
    public PollAdd multishot() {
        flags |= ADD_MULTI;
        return this;
    }

    /**
     * Level-triggered instead of edge-triggered wakeups ({@code IORING_POLL_ADD_LEVEL}). Defined in the ABI, but
     * the kernel disabled it soon after adding it: 6.1 through 6.18 (checked) refuse it with {@code -EINVAL}.
     */
    public PollAdd levelTriggered() {
        flags |= ADD_LEVEL;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.opcode(Opcode.POLL_ADD).fd(fd).len(flags).opFlags(PollEvents.toSqe(events));
    }
}
