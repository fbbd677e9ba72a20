package io.liouring.operation;

import io.liouring.Opcode;

import java.lang.foreign.MemorySegment;

/**
 * Waits on a futex while it holds an expected value, like {@code FUTEX_WAIT_BITSET} ({@code IORING_OP_FUTEX_WAIT},
 * Linux 6.7; {@code io_uring_prep_futex_wait(3)}).
 *
 * <p>Completes with 0 once woken by a {@link FutexWake} or {@code futex(2)} wake on the same word,
 * {@code -EAGAIN} at once if the word does not hold the expected value, {@code -ECANCELED} if cancelled. There is
 * no timeout argument: link a {@link LinkTimeout} to bound the wait.
 */
public final class FutexWait extends FutexOperation<FutexWait> {
    /**
     * Waits on {@code futex} while it holds {@code expected}, until a {@link FutexWake} wakes it.
     *
     * @param futex    the 32-bit futex word (native, 4-byte aligned)
     * @param expected wait only while the word holds this value
     */
    public FutexWait(MemorySegment futex, long expected) {
        super(Opcode.FUTEX_WAIT, futex, expected);
    }

    @Override
    FutexWait self() {
        return this;
    }

    /**
     * Change the expected value (for reuse).
     *
     * @param expected the value the word must hold for the wait to start
     * @return this operation
     */
    public FutexWait expected(long expected) {
        return value(expected);
    }
}
