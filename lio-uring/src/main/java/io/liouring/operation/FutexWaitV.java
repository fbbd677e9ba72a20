package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.struct.FutexWaitVector;

import java.util.Objects;

/**
 * Waits on several futexes at once until one is woken, like {@code futex_waitv(2)}
 * ({@code IORING_OP_FUTEX_WAITV}, Linux 6.7; {@code io_uring_prep_futex_waitv(3)}).
 *
 * <p>Completes with the index (in the {@link FutexWaitVector}) of the futex that was woken, {@code -EAGAIN} at once
 * if one of them does not hold its expected value, {@code -ECANCELED} if cancelled. The futex words must stay
 * valid until the request completes.
 */
public final class FutexWaitV implements Operation {
    private FutexWaitVector futexes;

    /**
     * Waits on several futexes at once, until one of them is woken.
     *
     * @param futexes the futexes, each with its expected value and {@link Futex2Flags}
     */
    public FutexWaitV(FutexWaitVector futexes) {
        futexes(futexes);
    }

    /**
     * Change the futexes (for reuse).
     *
     * @param futexes the futexes, each with its expected value; the vector must stay alive until the completion
     * @return this operation
     */
    public FutexWaitV futexes(FutexWaitVector futexes) {
        this.futexes = Objects.requireNonNull(futexes, "futexes");
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.opcode(Opcode.FUTEX_WAITV).addr(futexes.segment().address()).len(futexes.count());
    }
}
