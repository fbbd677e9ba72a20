package io.liouring.conformance;

import io.liouring.LioUring;
import io.liouring.operation.Nop;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ready completions: counting them, peeking without consuming, reaping a batch at once. */
class CompletionReadyConformanceTest {
    @Test
    void readyCountsWhatThePostedCompletionsAre() {
        try (var ring = new LioUring(8)) {
            assertEquals(0, ring.cqReady());
            for (int i = 0; i < 5; i++) {
                ring.push(new Nop(), i);
            }
            ring.submitAndWait(5);
            assertEquals(5, ring.cqReady());
        }
    }

    @Test
    void peekingLeavesTheCompletionInTheQueue() {
        try (var ring = new LioUring(8)) {
            assertTrue(ring.peekCompletion().isEmpty());
            ring.push(new Nop(), 9);
            ring.submitAndWait(1);
            assertEquals(9, ring.peekCompletion().orElseThrow().userData());
            assertEquals(9, ring.peekCompletion().orElseThrow().userData());
            assertEquals(1, ring.cqReady());
            assertEquals(9, ring.tryCompletion().orElseThrow().userData());
            assertEquals(0, ring.cqReady());
        }
    }

    @Test
    void aBatchIsReapedAtOnceInPostingOrder() {
        try (var ring = new LioUring(8)) {
            for (int i = 0; i < 8; i++) {
                ring.push(new Nop(), 10 + i);
            }
            ring.submitAndWait(8);
            List<Long> batch = new ArrayList<>();
            assertEquals(8, ring.forEachCompletion((userData, result, flags) -> batch.add(userData)));
            assertEquals(List.of(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L), batch);
            assertEquals(0, ring.forEachCompletion((userData, result, flags) -> batch.add(userData)));
        }
    }
}
