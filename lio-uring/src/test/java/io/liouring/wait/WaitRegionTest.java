package io.liouring.wait;

import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.UringException;
import io.liouring.WaitRegion;
import io.liouring.operation.Nop;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Registered wait arguments ({@code IORING_REGISTER_MEM_REGION} with {@code IORING_MEM_REGION_REG_WAIT_ARG},
 * {@code IORING_ENTER_EXT_ARG_REG}, Linux 6.13): a wait names a slot, and the kernel reads the timeout from it.
 */
class WaitRegionTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @Test
    void aWaitTakesItsTimeoutFromTheNamedSlot() {
        try (var ring = new LioUring(4, Params.builder().rDisabled().build())) {
            WaitRegion region = ring.registerWaitRegion(4);
            ring.enable();
            assertEquals(4, region.slots());
            region.timeout(2, Duration.ofMillis(200));
            long start = System.nanoTime();
            // slot 2's timeout ends a wait for a completion that never comes (without it the guard fails the test)
            boolean ready = assertTimeoutPreemptively(HANG_GUARD, () -> ring.submitAndWait(1, region, 2));
            assertFalse(ready);
            assertTrue(System.nanoTime() - start >= 150_000_000L, "the wait lasted the slot's 200 ms");

            ring.push(new Nop(), 9);
            assertTrue(ring.submitAndWait(1, region.noTimeout(0), 0));
            assertEquals(9, next(ring).userData());
        }
    }

    @Test
    void onlyADisabledRingTakesARegionAndOnlyOne() {
        try (var enabled = new LioUring(4)) {
            UringException e = assertThrows(UringException.class, () -> enabled.registerWaitRegion(1));
            assertEquals(Errno.EINVAL, e.errno());
            assertTrue(e.getMessage().contains("rDisabled"), e.getMessage());
        }
        try (var ring = new LioUring(4, Params.builder().rDisabled().build())) {
            ring.registerWaitRegion(1);
            assertThrows(UringException.class, () -> ring.registerWaitRegion(1));
        }
    }

    @Test
    void aSlotOutsideTheRegionOrAnotherRingsRegionIsRefused() {
        try (var ring = new LioUring(4, Params.builder().rDisabled().build());
             var other = new LioUring(4, Params.builder().rDisabled().build())) {
            WaitRegion region = ring.registerWaitRegion(2);
            WaitRegion foreign = other.registerWaitRegion(2);
            ring.enable();
            assertThrows(IndexOutOfBoundsException.class, () -> ring.submitAndWait(1, region, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> region.timeout(-1, Duration.ZERO));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ring.submitAndWait(1, foreign, 0));
            assertTrue(e.getMessage().startsWith("region"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ring.registerWaitRegion(0));
        }
    }
}
