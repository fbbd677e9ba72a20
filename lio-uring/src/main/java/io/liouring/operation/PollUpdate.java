package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

/**
 * Changes a pending {@link PollAdd} in place, found by its {@code user_data}: its events, its
 * {@code user_data}, or both ({@code IORING_OP_POLL_REMOVE} with {@code IORING_POLL_UPDATE_*}, Linux 5.13;
 * {@code io_uring_prep_poll_update(3)}).
 *
 * <p>Completes with 0 once updated; the poll stays armed and later completes as updated. {@code -ENOENT} if no
 * poll has that {@code user_data}. Only the event bits change: one-shot or multishot stays as it was.
 */
public final class PollUpdate implements Operation {
    private static final int UPDATE_EVENTS = 1 << 1;
    private static final int UPDATE_USER_DATA = 1 << 2;

    private long target;
    private int flags;
    private int events;
    private long newUserData;

    /**
     * Changes the poll pushed with {@code targetUserData}.
     *
     * @param targetUserData the {@code user_data} the poll was pushed with; say what to change with the setters
     */
    public PollUpdate(long targetUserData) {
        this.target = targetUserData;
    }

    /**
     * Change the target (for reuse).
     *
     * @param targetUserData the {@code user_data} the poll was pushed with
     * @return this operation
     */
    public PollUpdate target(long targetUserData) {
        this.target = targetUserData;
        return this;
    }

    /**
     * Wait for these {@link PollEvents} from now on ({@code IORING_POLL_UPDATE_EVENTS}).
     *
     * @param events {@link PollEvents} bits
     * @return this operation
     */
    public PollUpdate events(int events) {
        this.events = events;
        flags |= UPDATE_EVENTS;
        return this;
    }

    /**
     * Complete with this {@code user_data} from now on ({@code IORING_POLL_UPDATE_USER_DATA}).
     *
     * @param userData the new {@code user_data}
     * @return this operation
     */
    public PollUpdate userData(long userData) {
        this.newUserData = userData;
        flags |= UPDATE_USER_DATA;
        return this;
    }

    /**
     * @throws IllegalStateException if neither {@link #events} nor {@link #userData} was given (without them the
     *                               kernel would remove the poll instead: use {@link PollRemove} for that)
     */
    @Override
    public void encode(Sqe sqe) {
        if (flags == 0) {
            throw new IllegalStateException("PollUpdate changes nothing: call events(...) and/or userData(...)"
                    + " (use PollRemove to remove the poll)");
        }
        sqe.opcode(Opcode.POLL_REMOVE).fd(-1).addr(target).len(flags);
        if ((flags & UPDATE_USER_DATA) != 0) {
            sqe.off(newUserData);
        }
        if ((flags & UPDATE_EVENTS) != 0) {
            sqe.opFlags(PollEvents.toSqe(events));
        }
    }
}
