package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.struct.Timespec;

import java.time.Duration;

/**
 * Gives a pending {@link Timeout}, or with {@link #linkTimeout()} a pending {@link LinkTimeout}, a new time,
 * counted from now ({@code IORING_OP_TIMEOUT_REMOVE} with {@code IORING_TIMEOUT_UPDATE}, Linux 5.11;
 * {@code io_uring_prep_timeout_update(3)}).
 *
 * <p>Completes with 0 once updated; {@code -ENOENT} if no such timeout has that {@code user_data},
 * {@code -EALREADY} if it is expiring already. The timeout keeps its clock; an updated {@link Timeout} no longer
 * completes on a {@link Timeout#count(int) count}, only on time. The timespec belongs to this operation.
 */
public final class TimeoutUpdate implements Operation {
    private static final int UPDATE = 1 << 1;
    private static final int LINK_TIMEOUT_UPDATE = 1 << 4;

    private final Timespec timespec;
    private long target;
    private int flags = UPDATE;

    /**
     * Changes the time of the timeout pushed with {@code targetUserData}.
     *
     * @param targetUserData the {@code user_data} the timeout was pushed with
     * @param timeout        the new time, relative to now unless {@link #absolute()}
     */
    public TimeoutUpdate(long targetUserData, Duration timeout) {
        this.target = targetUserData;
        this.timespec = Timespec.of(timeout);
    }

    /**
     * Change the target (for reuse).
     *
     * @param targetUserData the {@code user_data} the timeout was pushed with
     * @return this operation
     */
    public TimeoutUpdate target(long targetUserData) {
        this.target = targetUserData;
        return this;
    }

    /**
     * Change the new time (for reuse).
     *
     * @param timeout not negative
     * @return this operation
     */
    public TimeoutUpdate duration(Duration timeout) {
        timespec.set(timeout);
        return this;
    }

    /**
     * The new time is an absolute point on the timeout's clock ({@code IORING_TIMEOUT_ABS}).
     *
     * @return this operation
     */
    public TimeoutUpdate absolute() {
        flags |= TimerOperation.ABS;
        return this;
    }

    /**
     * The target is a {@link LinkTimeout} rather than a {@link Timeout} ({@code IORING_LINK_TIMEOUT_UPDATE}).
     *
     * @return this operation
     */
    public TimeoutUpdate linkTimeout() {
        flags |= LINK_TIMEOUT_UPDATE;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.opcode(Opcode.TIMEOUT_REMOVE).fd(-1).addr(target).addr2(timespec.segment().address()).opFlags(flags);
    }
}
