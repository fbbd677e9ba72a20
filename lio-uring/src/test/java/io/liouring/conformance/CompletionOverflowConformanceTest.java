package io.liouring.conformance;

import io.liouring.Feature;
import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.operation.Nop;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full completion queue: with {@code IORING_FEAT_NODROP} the kernel keeps the completions that do not fit on
 * an overflow list and flushes them into the queue, in order, as it is reaped. Nothing is lost.
 */
class CompletionOverflowConformanceTest {
    private static LioUring tinyRing() {
        return new LioUring(4, Params.builder().cqSize(4).build());
    }

    @Test
    void completionsBeyondAFullQueueAreKeptAndFlushedInOrder() {
        try (var ring = tinyRing()) {
            assumeTrue(ring.hasFeature(Feature.NODROP), "IORING_FEAT_NODROP (5.5) keeps overflowed completions");
            Nop nop = new Nop();
            for (int batch = 0; batch < 3; batch++) {
                for (int i = 0; i < 4; i++) {
                    ring.push(nop, batch * 4 + i);
                }
                ring.submit();
            }
            assertEquals(4, ring.cqReady(), "the queue holds 4; 8 wait on the overflow list");
            assertEquals(0, ring.cqOverflow(), "nothing was dropped");

            List<Long> seen = new ArrayList<>();
            while (seen.size() < 12) {
                int before = seen.size();
                ring.forEachCompletion((userData, result, flags) -> seen.add(userData));
                if (seen.size() == before) {
                    seen.add(next(ring).userData());
                }
            }
            assertEquals(LongStream.range(0, 12).boxed().toList(), seen);
            assertEquals(0, ring.cqReady());
        }
    }

    @Test
    void aWaitFlushesTheOverflowList() {
        try (var ring = tinyRing()) {
            Nop nop = new Nop();
            for (int batch = 0; batch < 2; batch++) {
                for (int i = 0; i < 4; i++) {
                    ring.push(nop, batch * 4 + i);
                }
                ring.submit();
            }
            for (int i = 0; i < 8; i++) {
                assertEquals(i, next(ring).userData());
            }
        }
    }
}
