package io.liouring;

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
}
