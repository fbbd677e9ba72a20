package io.liouring.ring;

import io.liouring.Completion;
import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.operation.Nop;
import io.liouring.operation.Timeout;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reaping: waits, timeouts, peeking, batches, and overflow without loss. */
class CompletionQueueTest {
    @Test
    void waitWithTimeoutReturnsEmptyWhenNothingCompletes() {
        try (var ring = new LioUring(4)) {
            long start = System.nanoTime();
            assertTrue(ring.waitCompletion(Duration.ofMillis(50)).isEmpty());
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(45).toNanos(), "waited for the timeout");
            ring.push(new Nop(), 1);
            assertEquals(1, ring.waitCompletion(Duration.ofSeconds(5)).orElseThrow().userData());
        }
    }

    @Test
    void waitCompletionSubmitsWhatWasPushed() {
        try (var ring = new LioUring(4)) {
            ring.push(new Nop(), 11);
            assertEquals(11, ring.waitCompletion().userData());
        }
    }

    @Test
    void peekDoesNotConsumeAndTryDoes() {
        try (var ring = new LioUring(4)) {
            assertTrue(ring.tryCompletion().isEmpty());
            ring.push(new Nop(), 5);
            ring.submitAndWait(1);
            assertEquals(1, ring.cqReady());
            assertEquals(5, ring.peekCompletion().orElseThrow().userData());
            assertEquals(1, ring.cqReady());
            assertEquals(5, ring.tryCompletion().orElseThrow().userData());
            assertEquals(0, ring.cqReady());
            assertFalse(ring.peekCompletion().isPresent());
        }
    }

    @Test
    void forEachCompletionReapsAWholeBatchInOrder() {
        try (var ring = new LioUring(32)) {
            Nop nop = new Nop();
            for (int i = 0; i < 32; i++) {
                ring.push(nop, i);
            }
            ring.submitAndWait(32);
            long[] seen = new long[32];
            int[] n = {0};
            assertEquals(32, ring.forEachCompletion((userData, result, flags) -> seen[n[0]++] = userData));
            for (int i = 0; i < 32; i++) {
                assertEquals(i, seen[i]);
            }
            assertEquals(0, ring.cqReady());
        }
    }

    @Test
    void timeoutFiresWithEtime() {
        try (var ring = new LioUring(4)) {
            ring.push(new Timeout(Duration.ofMillis(10)), 1);
            Completion c = ring.waitCompletion();
            assertEquals(-62, c.result());
        }
    }

    @Test
    void countedTimeoutCompletesWithZeroOnceEnoughRequestsComplete() {
        try (var ring = new LioUring(4)) {
            ring.push(new Timeout(Duration.ofSeconds(30)).count(1), 1);
            ring.push(new Nop(), 2);
            ring.submit();
            Completion first = ring.waitCompletion();
            Completion second = ring.waitCompletion();
            assertEquals(2, first.userData());
            assertEquals(1, second.userData());
            assertEquals(0, second.result());
        }
    }

    @Test
    void overflowingATinyCompletionQueueLosesNothingOverAMillionNops() {
        int total = 1 << 20;
        try (var ring = new LioUring(64, Params.builder().cqSize(64).build())) {
            BitSet completed = new BitSet(total);
            int[] duplicates = {0};
            Nop nop = new Nop();
            int pushed = 0;
            while (pushed < total) {
                // 64 per submit while reaping only every 4th round: the CQ overflows into the kernel's list
                for (int round = 0; round < 4 && pushed < total; round++) {
                    for (int i = 0; i < 64 && pushed < total; i++) {
                        ring.push(nop, pushed++);
                    }
                    ring.submit();
                }
                if (pushed == 4 * 64) {
                    assertEquals(64, ring.cqReady(), "CQ full; the other 192 completions wait in the overflow list");
                }
                ring.forEachCompletion((userData, result, flags) -> {
                    if (completed.get((int) userData)) {
                        duplicates[0]++;
                    }
                    completed.set((int) userData);
                });
            }
            while (completed.cardinality() < total) {
                int before = completed.cardinality();
                ring.submitAndWait(0);
                ring.forEachCompletion((userData, result, flags) -> completed.set((int) userData));
                if (completed.cardinality() == before) {
                    Completion c = ring.waitCompletion(Duration.ofSeconds(5)).orElseThrow();
                    completed.set((int) c.userData());
                }
            }
            assertEquals(0, duplicates[0]);
            assertEquals(total, completed.cardinality());
            assertEquals(0, ring.cqOverflow(), "NODROP: nothing dropped");
        }
    }
}
