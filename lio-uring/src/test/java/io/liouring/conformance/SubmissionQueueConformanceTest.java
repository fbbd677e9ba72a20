package io.liouring.conformance;

import io.liouring.LioUring;
import io.liouring.operation.Nop;
import io.liouring.operation.Timeout;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The submission queue: its free space, a full queue, and what submit reports. */
class SubmissionQueueConformanceTest {
    @Test
    void spaceLeftCountsDownAsEntriesArePushed() {
        try (var ring = new LioUring(4)) {
            assertEquals(4, ring.sqSpaceLeft());
            ring.push(new Nop(), 1);
            ring.push(new Nop(), 2);
            assertEquals(2, ring.sqSpaceLeft());
        }
    }

    @Test
    void aFullQueueRefusesMoreUntilSubmitted() {
        try (var ring = new LioUring(4)) {
            Nop nop = new Nop();
            for (int i = 0; i < 4; i++) {
                assertTrue(ring.tryPush(nop, i));
            }
            assertEquals(0, ring.sqSpaceLeft());
            assertFalse(ring.tryPush(nop, 4));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ring.push(nop, 4));
            assertTrue(e.getMessage().contains("full"), e.getMessage());

            assertEquals(4, ring.submit());
            assertEquals(4, ring.sqSpaceLeft(), "the kernel consumed every entry");
            assertTrue(ring.tryPush(nop, 4));
        }
    }

    @Test
    void submitReportsHowManyEntriesTheKernelConsumed() {
        try (var ring = new LioUring(8)) {
            assertEquals(0, ring.submit(), "nothing to submit");
            for (int i = 0; i < 3; i++) {
                ring.push(new Timeout(Duration.ofSeconds(30)), i);
            }
            assertEquals(3, ring.submit());
            assertEquals(0, ring.submit());
            assertEquals(0, ring.cqReady(), "submitting does not wait for completions");
        }
    }

    @Test
    void theQueueIsReusedAroundItsEnd() {
        try (var ring = new LioUring(2)) {
            Nop nop = new Nop();
            for (int i = 0; i < 10; i++) {
                ring.push(nop, i);
                ring.push(nop, 100 + i);
                ring.submit();
                assertEquals(i, next(ring).userData());
                assertEquals(100 + i, next(ring).userData());
            }
        }
    }
}
