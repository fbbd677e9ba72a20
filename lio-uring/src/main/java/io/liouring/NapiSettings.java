package io.liouring;

import java.time.Duration;
import java.util.Objects;

/**
 * NAPI busy polling of the sockets a ring waits on ({@code IORING_REGISTER_NAPI}, Linux 6.9;
 * {@code io_uring_register_napi(3)}): while waiting for completions the kernel polls the network device for up to
 * {@code busyPollTimeout} instead of sleeping on an interrupt.
 *
 * @param busyPollTimeout how long to busy poll (microsecond precision)
 * @param preferBusyPoll  ask the device to defer interrupts while it is busy polled
 * @param tracking        which NAPI instances are polled (6.13; {@link NapiTracking#DYNAMIC} is what older kernels do)
 */
public record NapiSettings(Duration busyPollTimeout, boolean preferBusyPoll, NapiTracking tracking) {
    /** The longest busy poll: the kernel's u32 of microseconds, up to the last nanosecond that rounds down to it. */
    private static final Duration LONGEST = Duration.ofNanos(0xFFFF_FFFFL * 1000 + 999);

    /**
     * Settings with {@link NapiTracking#DYNAMIC} tracking: the devices of the ring's sockets are polled.
     *
     * @param busyPollTimeout how long to busy poll (microsecond precision)
     * @param preferBusyPoll  ask the device to defer interrupts while it is busy polled
     */
    public NapiSettings(Duration busyPollTimeout, boolean preferBusyPoll) {
        this(busyPollTimeout, preferBusyPoll, NapiTracking.DYNAMIC);
    }

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if the timeout is negative or above 2^32-1 microseconds
     */
    public NapiSettings {
        Objects.requireNonNull(busyPollTimeout, "busyPollTimeout");
        Objects.requireNonNull(tracking, "tracking");
        if (busyPollTimeout.isNegative() || busyPollTimeout.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("busyPollTimeout must be between 0 and 2^32-1 microseconds: "
                    + busyPollTimeout);
        }
    }
}
