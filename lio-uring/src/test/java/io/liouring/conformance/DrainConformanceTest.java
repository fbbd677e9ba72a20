package io.liouring.conformance;

import io.liouring.LioUring;
import io.liouring.SqeFlags;
import io.liouring.operation.Nop;
import io.liouring.operation.Timeout;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.liouring.testing.Roundtrip.next;
import static io.liouring.testing.Roundtrip.userData;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** IOSQE_IO_DRAIN: a drained request starts only once every earlier request has completed, and later ones wait for it. */
class DrainConformanceTest {
    @Test
    void withoutDrainAQuickRequestOvertakesASlowOne() {
        try (var ring = new LioUring(4)) {
            ring.push(new Timeout(Duration.ofMillis(30)), 1);
            ring.push(new Nop(), 2);
            ring.submit();
            assertEquals(List.of(2L, 1L), userData(next(ring, 2)));
        }
    }

    @Test
    void aDrainedRequestWaitsForEveryEarlierOneAndLaterOnesWaitForIt() {
        try (var ring = new LioUring(4)) {
            ring.push(new Timeout(Duration.ofMillis(30)), 1);
            ring.push(new Nop(), 2, SqeFlags.IO_DRAIN);
            ring.push(new Nop(), 3);
            ring.submit();
            assertEquals(List.of(1L, 2L, 3L), userData(next(ring, 3)));
        }
    }
}
