package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

/**
 * Removes a pending {@link Timeout} found by its {@code user_data} ({@code IORING_OP_TIMEOUT_REMOVE}, Linux 5.5;
 * {@code io_uring_prep_timeout_remove(3)}).
 *
 * <p>Completes with 0 once removed, and the timeout itself completes with {@code -ECANCELED}; {@code -ENOENT} if
 * no timeout has that {@code user_data}, an error ({@code -EALREADY}) if it is expiring already. (A
 * {@link LinkTimeout} is removed by cancelling its request, or with {@link AsyncCancel}.)
 */
public final class TimeoutRemove implements Operation {
    private long target;

    /**
     * Removes the timeout pushed with {@code targetUserData}; it completes with {@code -ECANCELED}.
     *
     * @param targetUserData the {@code user_data} the timeout was pushed with
     */
    public TimeoutRemove(long targetUserData) {
        this.target = targetUserData;
    }

    /**
     * Change the target (for reuse).
     *
     * @param targetUserData the {@code user_data} the timeout was pushed with
     * @return this operation
     */
    public TimeoutRemove target(long targetUserData) {
        this.target = targetUserData;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.opcode(Opcode.TIMEOUT_REMOVE).fd(-1).addr(target);
    }
}
