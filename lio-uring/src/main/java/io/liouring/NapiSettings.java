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
 */
public record NapiSettings(Duration busyPollTimeout, boolean preferBusyPoll) {
    /** Checks that the timeout is between 0 and 2^32-1 microseconds, the range of the kernel's field. */
    public NapiSettings {
        Objects.requireNonNull(busyPollTimeout, "busyPollTimeout");
        if (busyPollTimeout.isNegative() || busyPollTimeout.toNanos() / 1000 > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("busyPollTimeout must be between 0 and 2^32-1 microseconds: "
                    + busyPollTimeout);
        }
    }
}
