package io.liouring.conformance;

import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.operation.Nop;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SQPOLL: a kernel thread consumes the SQ; idle for longer than its idle time it sleeps, and a submit wakes it. */
class SqPollConformanceTest {
    private static boolean sleepsWithin(LioUring ring, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!ring.isSqPollThreadAsleep() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        return ring.isSqPollThreadAsleep();
    }

    @Test
    void anIdleThreadGoesToSleepAndASubmitWakesIt() throws InterruptedException {
        try (var ring = new LioUring(4, Params.builder().sqPoll(Duration.ofMillis(10)).build())) {
            assertTrue(sleepsWithin(ring, Duration.ofSeconds(5)), "IORING_SQ_NEED_WAKEUP after the idle time");
            for (int i = 0; i < 3; i++) {
                ring.push(new Nop(), i);
                ring.submit();
                assertEquals(i, next(ring).userData(), "the sleeping thread was woken to consume the entry");
                assertTrue(sleepsWithin(ring, Duration.ofSeconds(5)), "and went back to sleep");
            }
        }
    }

    @Test
    void aRingWithoutSqPollHasNoThreadToSleep() {
        try (var ring = new LioUring(4)) {
            assertFalse(ring.isSqPollThreadAsleep());
        }
    }
}
