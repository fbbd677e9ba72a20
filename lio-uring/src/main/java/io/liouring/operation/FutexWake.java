package io.liouring.operation;

import io.liouring.Opcode;

import java.lang.foreign.MemorySegment;

/**
 * Wakes waiters of a futex, like {@code FUTEX_WAKE_BITSET} ({@code IORING_OP_FUTEX_WAKE}, Linux 6.7;
 * {@code io_uring_prep_futex_wake(3)}). Wakes {@link FutexWait} and {@link FutexWaitV} requests as well as threads
 * blocked in {@code futex(2)}.
 *
 * <p>Completes with the number of waiters woken (0 if none waited) or {@code -errno}.
 */
public final class FutexWake extends FutexOperation<FutexWake> {
    /**
     * Wakes up to {@code count} waiters of {@code futex}.
     *
     * @param futex the 32-bit futex word (native, 4-byte aligned)
     * @param count how many waiters to wake at most (positive)
     */
    public FutexWake(MemorySegment futex, int count) {
        super(Opcode.FUTEX_WAKE, futex, requirePositive(count));
    }

    @Override
    FutexWake self() {
        return this;
    }

    /**
     * Change how many waiters to wake (for reuse).
     *
     * @param count positive
     * @return this operation
     */
    public FutexWake count(int count) {
        return value(requirePositive(count));
    }

    private static int requirePositive(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        return count;
    }
}
