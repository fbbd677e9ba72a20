package io.liouring.conformance;

import io.liouring.LioUring;
import io.liouring.operation.Nop;
import io.liouring.operation.Timeout;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** io_uring_enter with GETEVENTS: submit and wait for a number of completions in one call. */
class SubmitAndWaitConformanceTest {
    @Test
    void returnsOnceTheRequestedNumberOfCompletionsIsReady() {
        try (var ring = new LioUring(4)) {
            ring.push(new Timeout(Duration.ofMillis(20)), 1);
            ring.push(new Nop(), 2);
            assertEquals(2, ring.submitAndWait(2));
            assertTrue(ring.cqReady() >= 2, "both completions are ready without another wait");
        }
    }

    @Test
    void waitingForZeroOnlySubmits() {
        try (var ring = new LioUring(4)) {
            ring.push(new Timeout(Duration.ofSeconds(30)), 1);
            assertEquals(1, ring.submitAndWait(0));
            assertEquals(0, ring.cqReady());
        }
    }

    @Test
    void waitingWithNothingToSubmitWaitsForEarlierRequests() {
        try (var ring = new LioUring(4)) {
            ring.push(new Timeout(Duration.ofMillis(20)), 1);
            ring.submit();
            assertEquals(0, ring.submitAndWait(1), "nothing new to submit");
            assertEquals(1, ring.cqReady());
        }
    }
}
