package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.struct.Timespec;

import java.time.Duration;

/**
 * What {@link Timeout} and {@link LinkTimeout} share: a timespec they own, the clock it is measured on and
 * whether it is absolute ({@code timeout_flags}), encoded as {@code addr = timespec, len = 1}.
 */
abstract class TimerOperation<T extends TimerOperation<T>> implements Operation {
    static final int ABS = 1;
    static final int BOOTTIME = 1 << 2;
    static final int REALTIME = 1 << 3;
    private static final int CLOCKS = BOOTTIME | REALTIME;

    private final Opcode opcode;
    private final Timespec timespec;
    int flags;

    TimerOperation(Opcode opcode, Duration duration) {
        this.opcode = opcode;
        this.timespec = Timespec.of(duration);
    }

    abstract T self();

    /**
     * Change the time (for reuse).
     *
     * @param duration not negative
     * @return this operation
     */
    public T duration(Duration duration) {
        timespec.set(duration);
        return self();
    }

    /**
     * The time is an absolute point on the timer's clock, counted from that clock's epoch
     * ({@code IORING_TIMEOUT_ABS}; for the default CLOCK_MONOTONIC: since boot, without suspend).
     *
     * @return this operation
     */
    public T absolute() {
        flags |= ABS;
        return self();
    }

    /**
     * Measure on CLOCK_BOOTTIME, which also counts time suspended ({@code IORING_TIMEOUT_BOOTTIME}, 5.15).
     *
     * @return this operation
     */
    public T boottime() {
        flags = (flags & ~CLOCKS) | BOOTTIME;
        return self();
    }

    /**
     * Measure on CLOCK_REALTIME, the wall clock ({@code IORING_TIMEOUT_REALTIME}, 5.15).
     *
     * @return this operation
     */
    public T realtime() {
        flags = (flags & ~CLOCKS) | REALTIME;
        return self();
    }

    /** {@code sqe.off}: the completion count of a timeout; 0 for a link timeout. */
    long offset() {
        return 0;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(opcode, -1, timespec.segment().address(), 1, offset()).opFlags(flags);
    }
}
