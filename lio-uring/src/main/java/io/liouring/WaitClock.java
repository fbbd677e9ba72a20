package io.liouring;

import io.liouring.internal.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The clock that measures the timeouts of completion waits ({@code IORING_REGISTER_CLOCK}, Linux 6.12;
 * {@code io_uring_register_clock(3)}). {@code MONOTONIC} is the default; {@code BOOTTIME} also counts the time
 * the machine was suspended.
 */
public enum WaitClock {
    /** {@code CLOCK_MONOTONIC}: time since boot, stopped while the machine is suspended (the default). */
    MONOTONIC(1),
    /** {@code CLOCK_BOOTTIME}: time since boot, including the time the machine was suspended. */
    BOOTTIME(7);

    private final int clockId;

    WaitClock(int clockId) {
        this.clockId = clockId;
    }

    /** {@return the {@code clockid_t} value ({@code CLOCK_MONOTONIC} = 1, {@code CLOCK_BOOTTIME} = 7)} */
    public int clockId() {
        return clockId;
    }

    /**
     * The clock's current time in nanoseconds ({@code clock_gettime(2)}): the scale of the absolute deadlines of
     * {@link LioUring#submitAndWaitUntil(int, long)} on a ring that measures its waits on this clock.
     *
     * @return nanoseconds since the clock's epoch (boot, for both clocks)
     */
    public long nanoTime() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ts = arena.allocate(16, 8);
            int r = Libc.clockGettime(Libc.newErrnoState(arena), clockId, ts);
            if (r < 0) {
                throw new UringException("clock_gettime(" + name() + ")", -r);
            }
            return ts.get(JAVA_LONG, 0) * 1_000_000_000L + ts.get(JAVA_LONG, 8);
        }
    }
}
