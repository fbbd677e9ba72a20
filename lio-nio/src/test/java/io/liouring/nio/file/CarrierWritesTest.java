package io.liouring.nio.file;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static io.liouring.nio.file.CarrierWrites.FIRST_RING_NANOS;
import static io.liouring.nio.file.CarrierWrites.LONGEST_RING_NANOS;
import static io.liouring.nio.file.CarrierWrites.MAX_BYTES;
import static io.liouring.nio.file.CarrierWrites.WAITED_NANOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When a virtual thread's buffered write may be made on its carrier: at once on a device no write has waited on,
 * never for more than {@link CarrierWrites#MAX_BYTES}, and not for a while after one that waited, a while that
 * doubles while writes keep waiting and starts over after one that did not; one guard per device. The clock is the
 * test's.
 */
class CarrierWritesTest {
    private final AtomicLong now = new AtomicLong(-5_000_000_000L); // nanoTime may be negative
    private final CarrierWrites writes = new CarrierWrites(now::get);

    @Test
    void aDeviceNoWriteHasWaitedOnTakesWritesUpToMaxBytesOnTheCarrier() {
        assertTrue(writes.allow(1));
        assertTrue(writes.allow(MAX_BYTES));
        assertFalse(writes.allow(MAX_BYTES + 1), "a larger write goes to the ring");
    }

    @Test
    void aWriteThatDidNotWaitChangesNothing() {
        long start = now.get();
        now.addAndGet(WAITED_NANOS);
        writes.noteTime(start, now.get());
        assertTrue(writes.allow(4096));
    }

    @Test
    void afterAWriteThatWaitedTheDevicesWritesGoToTheRingForATenthOfASecond() {
        long end = waitedWrite();
        assertFalse(writes.allow(4096));
        now.set(end + FIRST_RING_NANOS - 1);
        assertFalse(writes.allow(4096));
        now.set(end + FIRST_RING_NANOS);
        assertTrue(writes.allow(4096), "the carrier again once the time is over");
    }

    @Test
    void eachFurtherWriteThatWaitedDoublesTheTimeUpToTheLongest() {
        long ring = FIRST_RING_NANOS;
        for (int i = 0; i < 10; i++) {
            long end = waitedWrite();
            now.set(end + ring - 1);
            assertFalse(writes.allow(4096), "write " + i + " parks for " + ring + " ns");
            now.set(end + ring);
            assertTrue(writes.allow(4096));
            ring = Math.min(2 * ring, LONGEST_RING_NANOS);
        }
        assertEquals(LONGEST_RING_NANOS, ring, "ten doublings reach the longest time");
    }

    @Test
    void aWriteOnTheCarrierThatDidNotWaitStartsTheTimeOver() {
        waitedWrite();
        now.addAndGet(FIRST_RING_NANOS);
        waitedWrite();
        now.addAndGet(2 * FIRST_RING_NANOS);
        long start = now.get();
        now.addAndGet(1_000);
        writes.noteTime(start, now.get());
        long end = waitedWrite();
        now.set(end + FIRST_RING_NANOS);
        assertTrue(writes.allow(4096), "back to the first time, not four times it");
    }

    @Test
    void writesCaughtInOneWaitParkTheDeviceOnceNotLongerEachTime() {
        long start = now.get();
        long end = now.addAndGet(WAITED_NANOS + 1);
        writes.noteTime(start, end); // the first carrier write out of the wait
        long later = now.addAndGet(1_000);
        writes.noteTime(start, later); // another, in the same wait from the same moment
        now.set(later + FIRST_RING_NANOS - 1);
        assertFalse(writes.allow(4096), "parked until a tenth of a second after the last of them ended");
        now.set(later + FIRST_RING_NANOS);
        assertTrue(writes.allow(4096), "not twice as long");
    }

    @Test
    void aWriteCaughtInTheWaitLongerThanTheRingTimeKeepsTheDeviceParkedPastItsEnd() {
        long start = now.get();
        long end = now.addAndGet(WAITED_NANOS + 1);
        writes.noteTime(start, end);
        long muchLater = now.addAndGet(5 * FIRST_RING_NANOS); // another write, begun with the first, still waited
        writes.noteTime(start, muchLater);
        now.set(muchLater + FIRST_RING_NANOS - 1);
        assertFalse(writes.allow(4096));
        now.set(muchLater + FIRST_RING_NANOS);
        assertTrue(writes.allow(4096));
    }

    @Test
    void theFilesOfOneDeviceShareOneGuard() {
        int major = 0x7ffffff0; // no real device's number
        assertSame(CarrierWrites.ofDevice(major, 1), CarrierWrites.ofDevice(major, 1));
        assertNotSame(CarrierWrites.ofDevice(major, 1), CarrierWrites.ofDevice(major, 2));
        assertNotSame(CarrierWrites.ofDevice(major, 1), CarrierWrites.ofDevice(major + 1, 1));
    }

    /** A write on the carrier that took just longer than {@link CarrierWrites#WAITED_NANOS}; returns its end. */
    private long waitedWrite() {
        long start = now.get();
        long end = now.addAndGet(WAITED_NANOS + 1);
        writes.noteTime(start, end);
        return end;
    }
}
