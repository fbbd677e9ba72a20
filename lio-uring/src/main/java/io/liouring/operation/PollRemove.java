package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

/**
 * Removes a pending {@link PollAdd} found by its {@code user_data} ({@code IORING_OP_POLL_REMOVE}, Linux 5.1;
 * {@code io_uring_prep_poll_remove(3)}).
 *
 * <p>Completes with 0 once removed, and the poll itself completes with {@code -ECANCELED}; {@code -ENOENT} if
 * no poll has that {@code user_data}, {@code -EALREADY} if it is completing already.
 */
public final class PollRemove implements Operation {
    private long target;

    /**
     * Removes the poll pushed with {@code targetUserData}; it completes with {@code -ECANCELED}.
     *
     * @param targetUserData the {@code user_data} the poll was pushed with
     */
    public PollRemove(long targetUserData) {
        this.target = targetUserData;
    }

    /**
     * Change the target (for reuse).
     *
     * @param targetUserData the {@code user_data} the poll was pushed with
     * @return this operation
     */
    public PollRemove target(long targetUserData) {
        this.target = targetUserData;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.opcode(Opcode.POLL_REMOVE).fd(-1).addr(target);
    }
}
