package io.liouring.conformance;

import io.liouring.Completion;
import io.liouring.Feature;
import io.liouring.LioUring;
import io.liouring.operation.Nop;
import io.liouring.operation.Timeout;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Timed waits (EXT_ARG timeouts) and waits with a minimum (min_wait_usec, 6.12). */
class WaitTimeoutConformanceTest {
    @Test
    void aTimedWaitWithNothingToCompleteComesBackEmpty() {
        try (var ring = new LioUring(4)) {
            assertTrue(ring.waitCompletion(Duration.ofMillis(10)).isEmpty());
            assertTrue(ring.waitCompletion(Duration.ZERO).isEmpty());
        }
    }

    @Test
    void aCompletionArrivingBeforeTheTimeoutEndsTheWait() {
        try (var ring = new LioUring(4)) {
            ring.push(new Timeout(Duration.ofMillis(10)), 1);
            Completion c = ring.waitCompletion(Duration.ofSeconds(30)).orElseThrow();
            assertEquals(1, c.userData());
        }
    }

    @Test
    void afterTheMinimumWaitAPartialBatchIsEnough() {
        try (var ring = new LioUring(4)) {
            assumeTrue(ring.hasFeature(Feature.MIN_TIMEOUT), "IORING_FEAT_MIN_TIMEOUT (6.12)");
            ring.push(new Nop(), 1);
            ring.push(new Timeout(Duration.ofSeconds(10)), 2);
            Completion first = ring.waitCompletion(2, Duration.ofMillis(20), Duration.ofSeconds(20)).orElseThrow();
            assertEquals(1, first.userData());
            assertEquals(0, ring.cqReady(), "the wait did not hold out for the 10 s timeout to make a full batch");
        }
    }

    @Test
    void withoutAMinimumWaitABatchWaitHoldsOutForTheFullBatch() {
        try (var ring = new LioUring(4)) {
            ring.push(new Nop(), 1);
            ring.push(new Timeout(Duration.ofMillis(20)), 2);
            Completion first = ring.waitCompletion(2, Duration.ZERO, Duration.ofSeconds(20)).orElseThrow();
            assertEquals(1, first.userData());
            assertEquals(1, ring.cqReady(), "the timeout completed too before the wait returned");
            assertEquals(2, next(ring).userData());
        }
    }

    @Test
    void aBatchWaitThatTimesOutReturnsWhatItHas() {
        try (var ring = new LioUring(4)) {
            ring.push(new Nop(), 1);
            Completion first = ring.waitCompletion(3, Duration.ZERO, Duration.ofMillis(20)).orElseThrow();
            assertEquals(1, first.userData());
        }
    }

    @Test
    void badWaitArgumentsAreRefused() {
        try (var ring = new LioUring(4)) {
            assertThrows(IllegalArgumentException.class, () -> ring.waitCompletion(0, Duration.ZERO, Duration.ZERO));
            assertThrows(IllegalArgumentException.class,
                    () -> ring.waitCompletion(1, Duration.ofMillis(-1), Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> ring.waitCompletion(Duration.ofMillis(-1)));
        }
    }
}
