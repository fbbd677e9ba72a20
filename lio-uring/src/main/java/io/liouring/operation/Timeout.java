package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;
import io.liouring.struct.Timespec;

import java.time.Duration;

/**
 * A timeout in the completion queue ({@code IORING_OP_TIMEOUT}, Linux 5.4; {@code io_uring_prep_timeout(3)}).
 *
 * <p>Completes with {@code -ETIME} when the time passes, or with 0 once {@link #count(int)} other requests
 * have completed first. {@code -ECANCELED} if removed. The timespec belongs to this operation.
 */
public final class Timeout implements Operation {
    static final int ABS = 1;
    static final int BOOTTIME = 1 << 2;
    static final int REALTIME = 1 << 3;
    static final int ETIME_SUCCESS = 1 << 5;
    static final int MULTISHOT = 1 << 6;

    private final Timespec timespec;
    private int count;
    private int flags;

    /** A relative timeout on the monotonic clock. */
    public Timeout(Duration timeout) {
        this.timespec = Timespec.of(timeout);
    }

    /** Change the time (for reuse). */
    public Timeout duration(Duration timeout) {
        timespec.set(timeout);
        return this;
    }

    /** Also complete (with 0) once this many other requests have completed. */
    public Timeout count(int completions) {
        this.count = Checks.requireNonNegative(completions, "completions");
        return this;
    }

    /** The time is an absolute point on the timeout's clock ({@code IORING_TIMEOUT_ABS}). */
    public Timeout absolute() {
        flags |= ABS;
        return this;
    }

    /** Measure on CLOCK_BOOTTIME, which counts suspend ({@code IORING_TIMEOUT_BOOTTIME}, 5.15). */
    public Timeout boottime() {
        flags = (flags & ~REALTIME) | BOOTTIME;
        return this;
    }

    /** Measure on CLOCK_REALTIME ({@code IORING_TIMEOUT_REALTIME}, 5.15). */
    public Timeout realtime() {
        flags = (flags & ~BOOTTIME) | REALTIME;
        return this;
    }

    /** Expiry does not count as a failure for linked requests ({@code IORING_TIMEOUT_ETIME_SUCCESS}, 5.16). */
    public Timeout etimeSuccess() {
        flags |= ETIME_SUCCESS;
        return this;
    }

    /** Fire repeatedly, every period, {@link #count(int)} times or forever if 0 ({@code IORING_TIMEOUT_MULTISHOT}, 6.4). */
    public Timeout multishot() {
        flags |= MULTISHOT;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(Opcode.TIMEOUT, -1, timespec.segment().address(), 1, count).opFlags(flags);
    }
}
