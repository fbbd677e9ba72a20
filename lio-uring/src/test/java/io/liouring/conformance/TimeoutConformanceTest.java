package io.liouring.conformance;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.operation.Nop;
import io.liouring.operation.Timeout;
import io.liouring.operation.TimeoutRemove;
import io.liouring.operation.TimeoutUpdate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.liouring.testing.Roundtrip.assertNothingWithin;
import static io.liouring.testing.Roundtrip.byUserData;
import static io.liouring.testing.Roundtrip.next;
import static io.liouring.testing.Roundtrip.userData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Timeouts among other requests: they fire in deadline order, count completions of requests submitted after them,
 * can be moved and removed one at a time, fire against the clock they name, and a multishot timeout lives until
 * removed. The deadlines differ by far more than the kernel's timer slack; nothing here measures speed.
 */
class TimeoutConformanceTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration QUIET = Duration.ofMillis(50);

    @Test
    void timeoutsFireInDeadlineOrderNotInSubmissionOrder() {
        try (var ring = new LioUring(8)) {
            ring.push(new Timeout(Duration.ofMillis(300)), 1);
            ring.push(new Timeout(Duration.ofMillis(10)), 2);
            ring.push(new Timeout(Duration.ofMillis(100)), 3);
            List<Completion> fired = next(ring, 3);
            assertEquals(List.of(2L, 3L, 1L), userData(fired));
            fired.forEach(c -> assertEquals(Errno.ETIME, c.errno()));
        }
    }

    @Test
    void aCountedTimeoutWaitsForThatManyCompletionsOfLaterRequests() {
        try (var ring = new LioUring(8)) {
            ring.push(new Timeout(HOUR).count(3), 1);
            ring.push(new Nop(), 2);
            ring.push(new Nop(), 3);
            assertEquals(List.of(2L, 3L), userData(next(ring, 2)));
            assertNothingWithin(ring, QUIET); // two of three

            ring.push(new Nop(), 4);
            Map<Long, Completion> done = byUserData(ring, 2);
            assertEquals(0, done.get(1L).result(), "the count was reached: 0, not ETIME");
            assertEquals(0, done.get(4L).result());
        }
    }

    @Test
    void aCountedTimeoutStillFiresAtItsDeadlineIfTooFewRequestsComplete() {
        try (var ring = new LioUring(8)) {
            ring.push(new Timeout(Duration.ofMillis(20)).count(5), 1);
            ring.push(new Nop(), 2);
            Map<Long, Completion> done = byUserData(ring, 2);
            assertEquals(Errno.ETIME, done.get(1L).errno());
        }
    }

    @Test
    void anAbsoluteDeadlineInThePastFiresAtOnce() {
        try (var ring = new LioUring(8)) {
            ring.push(new Timeout(HOUR), 1);
            ring.push(new Timeout(Duration.ofNanos(System.nanoTime()).minusSeconds(1)).absolute(), 2);
            Completion c = next(ring);
            assertEquals(2, c.userData(), "the past deadline fires, the hour-long one does not");
            assertEquals(Errno.ETIME, c.errno());
        }
    }

    @Test
    void anAbsoluteTimeoutOnTheRealtimeClockFiresAtAWallClockTime() {
        try (var ring = new LioUring(8)) {
            Instant soon = Instant.now().plusMillis(20);
            ring.push(new Timeout(Duration.ofSeconds(soon.getEpochSecond(), soon.getNano())).absolute().realtime(), 1);
            ring.push(new Timeout(HOUR), 2);
            Completion c = next(ring);
            assertEquals(1, c.userData());
            assertEquals(Errno.ETIME, c.errno());
            assertFalse(Instant.now().isBefore(soon), "not before the wall-clock deadline");
        }
    }

    @Test
    void updatingATimeoutMovesItAheadOfOthers() {
        try (var ring = new LioUring(8)) {
            ring.push(new Timeout(HOUR), 1);
            ring.push(new Timeout(Duration.ofMillis(200)), 2);
            ring.submit();
            ring.push(new TimeoutUpdate(1, Duration.ofMillis(1)), 3);
            List<Completion> done = next(ring, 3);
            assertEquals(List.of(3L, 1L, 2L), userData(done), "update, then the moved timeout, then the other");
            assertEquals(0, done.get(0).result());
            assertEquals(Errno.ETIME, done.get(1).errno());
            assertEquals(Errno.ETIME, done.get(2).errno());
        }
    }

    @Test
    void removingOneTimeoutLeavesTheOthersRunning() {
        try (var ring = new LioUring(8)) {
            ring.push(new Timeout(HOUR), 1);
            ring.push(new Timeout(Duration.ofMillis(30)), 2);
            ring.submit();
            ring.push(new TimeoutRemove(1), 3);
            Map<Long, Completion> removed = byUserData(ring, 2);
            assertEquals(Errno.ECANCELED, removed.get(1L).errno());
            assertEquals(0, removed.get(3L).result());
            Completion other = next(ring);
            assertEquals(2, other.userData());
            assertEquals(Errno.ETIME, other.errno());
        }
    }

    @Test
    void aMultishotTimeoutWithoutACountFiresUntilRemovedAndEndsWithoutMore() {
        try (var ring = new LioUring(8)) {
            ring.push(new Timeout(Duration.ofMillis(5)).multishot(), 1);
            for (Completion shot : next(ring, 3)) {
                assertEquals(Errno.ETIME, shot.errno());
                assertTrue(shot.hasMore(), "still armed: " + shot);
            }
            ring.push(new TimeoutRemove(1), 2);
            Completion remove = null;
            Completion last = null;
            while (remove == null || last == null) {
                Completion c = next(ring);
                if (c.userData() == 2) {
                    remove = c;
                } else if (!c.hasMore()) {
                    last = c; // periods that expired before the remove post with MORE, as before
                }
            }
            assertEquals(0, remove.result());
            assertEquals(Errno.ECANCELED, last.errno());
            assertFalse(last.hasMore(), "removal ends it: " + last);
            assertNothingWithin(ring, QUIET);
        }
    }
}
