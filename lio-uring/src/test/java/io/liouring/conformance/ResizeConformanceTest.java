package io.liouring.conformance;

import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.UringException;
import io.liouring.operation.Nop;
import org.junit.jupiter.api.Test;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resizing the rings of a DEFER_TASKRUN ring, and what moves with them. */
class ResizeConformanceTest {
    private static final Params DEFER = Params.builder().deferTaskrun().build();

    private static long reap(LioUring ring) {
        return next(ring).userData();
    }

    @Test
    void aResizedRingHasTheNewSizesAndFillsThem() {
        try (var ring = new LioUring(4, DEFER)) {
            ring.resize(16, 64);
            assertEquals(16, ring.sqEntries());
            assertEquals(64, ring.cqEntries());
            Nop nop = new Nop();
            for (int i = 0; i < 16; i++) {
                ring.push(nop, i);
            }
            assertEquals(16, ring.submitAndWait(16));
            for (int i = 0; i < 16; i++) {
                assertEquals(i, reap(ring));
            }
        }
    }

    @Test
    void completionsNotYetReapedMoveToTheNewRing() {
        try (var ring = new LioUring(8, DEFER)) {
            for (int i = 0; i < 3; i++) {
                ring.push(new Nop(), 100 + i);
            }
            ring.submitAndWait(3);
            assertEquals(3, ring.cqReady());
            ring.resize(4, 4);
            assertEquals(3, ring.cqReady());
            for (int i = 0; i < 3; i++) {
                assertEquals(100 + i, reap(ring));
            }
        }
    }

    @Test
    void entriesPushedAcrossTheWrapPointMoveToTheNewRing() {
        try (var ring = new LioUring(4, DEFER)) {
            Nop nop = new Nop();
            for (int i = 0; i < 3; i++) { // the next pushes land in slots 3 and 0
                ring.push(nop, i);
                reap(ring);
            }
            ring.push(new Nop().injectResult(7), 10);
            ring.push(new Nop().injectResult(8), 11);
            ring.resize(8, 16);
            assertEquals(2, ring.submit());
            var first = next(ring);
            var second = next(ring);
            assertEquals(10, first.userData());
            assertEquals(7, first.result());
            assertEquals(11, second.userData());
            assertEquals(8, second.result());
            assertEquals(8, ring.sqSpaceLeft());
        }
    }

    @Test
    void ringsTooSmallForWhatIsPendingAreRefusedAndTheRingKeepsWorking() {
        try (var ring = new LioUring(8, DEFER)) {
            for (int i = 0; i < 8; i++) {
                ring.push(new Nop(), i);
            }
            ring.submitAndWait(8);
            UringException e = assertThrows(UringException.class, () -> ring.resize(4, 4));
            assertEquals(Errno.EOVERFLOW, e.errno());
            assertEquals(8, ring.sqEntries());
            for (int i = 0; i < 8; i++) {
                assertEquals(i, reap(ring));
            }
        }
    }

    @Test
    void onlyDeferTaskrunRingsResize() {
        try (var ring = new LioUring(4)) {
            UringException e = assertThrows(UringException.class, () -> ring.resize(8, 16));
            assertEquals(Errno.EINVAL, e.errno());
            assertTrue(e.getMessage().contains("DEFER_TASKRUN"), e.getMessage());
            ring.push(new Nop(), 1);
            assertEquals(1, reap(ring));
        }
    }

    @Test
    void badSizesAreRefusedEarly() {
        try (var ring = new LioUring(4, DEFER)) {
            assertThrows(IllegalArgumentException.class, () -> ring.resize(0, 8));
            assertThrows(IllegalArgumentException.class, () -> ring.resize(8, 4));
            assertThrows(IllegalArgumentException.class, () -> ring.resize(LioUring.MAX_ENTRIES * 2, LioUring.MAX_ENTRIES * 2));
        }
    }
}
