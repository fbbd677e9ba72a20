package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.internal.Checks;

import java.time.Duration;

/**
 * A timeout in the completion queue ({@code IORING_OP_TIMEOUT}, Linux 5.4; {@code io_uring_prep_timeout(3)}).
 *
 * <p>Completes with {@code -ETIME} when the time passes, or with 0 once {@link #count(int)} other requests
 * have completed first; {@code -ECANCELED} if removed ({@link TimeoutRemove}). A {@link #multishot()} timeout
 * posts one {@code -ETIME} completion per period, with {@code F_MORE} on all but the last. Find it again by the
 * {@code user_data} it was pushed with ({@link TimeoutRemove}, {@link TimeoutUpdate}). The timespec belongs to
 * this operation.
 */
public final class Timeout extends TimerOperation<Timeout> {
    static final int ETIME_SUCCESS = 1 << 5;
    static final int MULTISHOT = 1 << 6;

    private int count;

    /**
     * A relative timeout on the monotonic clock.
     *
     * @param timeout positive
     */
    public Timeout(Duration timeout) {
        super(Opcode.TIMEOUT, timeout);
    }

    @Override
    Timeout self() {
        return this;
    }

    /**
     * Also complete (with 0) once this many other requests have completed; for a {@link #multishot()} timeout,
     * the number of times to fire (0: until removed).
     *
     * @param completions 0 or positive
     * @return this operation
     */
    public Timeout count(int completions) {
        this.count = Checks.requireNonNegative(completions, "completions");
        return this;
    }

    /**
     * Expiry still completes with {@code -ETIME} but does not count as a failure, so the requests linked after
     * this one still run ({@code IORING_TIMEOUT_ETIME_SUCCESS}, 5.16).
     *
     * @return this operation
     */
    public Timeout etimeSuccess() {
        flags |= ETIME_SUCCESS;
        return this;
    }

    /**
     * Fire every period, {@link #count(int)} times or until removed if the count is 0
     * ({@code IORING_TIMEOUT_MULTISHOT}, 6.4). Relative times only.
     *
     * @return this operation
     * @throws IllegalStateException if the time is absolute
     */
    public Timeout multishot() {
        if ((flags & ABS) != 0) {
            throw new IllegalStateException("a multishot timeout needs a relative time, not an absolute one");
        }
        flags |= MULTISHOT;
        return this;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if this is a {@link #multishot()} timeout, which must be relative
     */
    @Override
    public Timeout absolute() {
        if ((flags & MULTISHOT) != 0) {
            throw new IllegalStateException("a multishot timeout needs a relative time, not an absolute one");
        }
        return super.absolute();
    }

    @Override
    long offset() {
        return count;
    }
}
