package io.liouring.resources;

import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.NapiSettings;
import io.liouring.Params;
import io.liouring.UringException;
import io.liouring.WaitClock;
import io.liouring.operation.Nop;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** NAPI busy-poll settings and the clock of completion waits. */
class NapiAndClockTest {
    @Test
    void napiSettingsAreKeptUntilUnregistered() {
        try (var ring = new LioUring(4)) {
            NapiSettings settings = new NapiSettings(Duration.ofNanos(100_000), true);
            try {
                ring.registerNapi(settings);
            } catch (UringException refused) {
                assertNotNull(refused.getMessage());
                assumeTrue(false, "the kernel refuses NAPI here: " + refused.getMessage());
            }
            assertEquals(settings, ring.unregisterNapi());
            assertEquals(new NapiSettings(Duration.ZERO, false), ring.unregisterNapi(), "nothing registered any more");
        }
    }

    @Test
    void anIopollRingRefusesNapiWithAClearError() {
        try (var ring = new LioUring(4, Params.builder().iopoll().build())) {
            UringException e = assertThrows(UringException.class,
                    () -> ring.registerNapi(new NapiSettings(Duration.ofNanos(50_000), false)));
            assertTrue(e.errno() == Errno.EINVAL || e.errno() == Errno.EOPNOTSUPP, e.getMessage());
            assertTrue(e.getMessage().contains("IOPOLL") || e.getMessage().contains("CONFIG_NET_RX_BUSY_POLL"),
                    e.getMessage());
        }
    }

    @Test
    void napiSettingsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NapiSettings(Duration.ofSeconds(-1), false));
        assertThrows(IllegalArgumentException.class, () -> new NapiSettings(Duration.ofDays(100), false));
    }

    @Test
    void waitsStillTimeOutAndCompleteOnTheBoottimeClock() {
        try (var ring = new LioUring(4)) {
            ring.registerClock(WaitClock.BOOTTIME);
            assertTrue(ring.waitCompletion(Duration.ofMillis(20)).isEmpty());
            ring.push(new Nop(), 4);
            assertEquals(4, next(ring).userData());
            ring.registerClock(WaitClock.MONOTONIC);
            assertTrue(ring.waitCompletion(Duration.ofMillis(20)).isEmpty());
        }
    }

    @Test
    void clockIdsAreTheKernelsValues() {
        assertEquals(1, WaitClock.MONOTONIC.clockId());
        assertEquals(7, WaitClock.BOOTTIME.clockId());
    }
}
