package io.liouring.leak;

import io.liouring.async.EventLoop;
import io.liouring.testing.ProcessResources;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 50 000 futures through an event loop leave descriptors, io_uring mappings and native memory where they were, and
 * nothing in flight. The 1 000 000-future run is {@link FuturesLeakSoak}.
 */
class FuturesLeakTest {
    static void assertNoLeak(int futures) throws Exception {
        try (EventLoop loop = EventLoop.open()) {
            FutureCycles.run(loop, 2_000); // warm up
            ProcessResources.collectGarbage();
            ProcessResources.Snapshot before = ProcessResources.snapshot();
            long allocationsBefore = ProcessResources.nativeAllocations();

            FutureCycles.run(loop, futures);
            ProcessResources.collectGarbageUntil(allocationsBefore);

            assertEquals(0, loop.inFlight(), "requests left in the kernel");
            assertEquals(before, ProcessResources.snapshot(), "descriptors and io_uring mappings");
            long allocations = ProcessResources.nativeAllocations() - allocationsBefore;
            assertTrue(allocations <= 16, "native allocations grew by " + allocations);
        }
    }

    @Test
    void fiftyThousandFuturesLeakNothing() throws Exception {
        assertNoLeak(50_000);
    }
}
