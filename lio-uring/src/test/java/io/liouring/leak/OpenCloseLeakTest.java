package io.liouring.leak;

import io.liouring.LioUring;
import io.liouring.testing.ProcessResources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 20 000 open/close cycles through a ring leave the descriptors, the io_uring mappings and the native memory of the
 * process where they were (native memory as the JDK accounts it for {@code Arena} segments, once the garbage
 * collector has freed the automatic arenas of the operations). The 1 000 000-cycle run with Native Memory Tracking
 * is {@link OpenCloseLeakSoak}.
 */
class OpenCloseLeakTest {
    private static final int CYCLES = 20_000;

    @ParameterizedTest(name = "fresh operations every cycle: {0}")
    @ValueSource(booleans = {true, false})
    void twentyThousandOpenCloseCyclesLeakNothing(boolean freshOperations) {
        try (var ring = new LioUring(8)) {
            OpenCloseCycles.run(ring, 2_000, freshOperations); // warm up
            ProcessResources.collectGarbage();
            ProcessResources.Snapshot before = ProcessResources.snapshot();
            long allocationsBefore = ProcessResources.nativeAllocations();
            long bytesBefore = ProcessResources.nativeBytes();

            OpenCloseCycles.run(ring, CYCLES, freshOperations);
            ProcessResources.collectGarbageUntil(allocationsBefore);

            assertEquals(before, ProcessResources.snapshot(), "descriptors and io_uring mappings");
            long allocations = ProcessResources.nativeAllocations() - allocationsBefore;
            long bytes = ProcessResources.nativeBytes() - bytesBefore;
            // a leak of one path per cycle would be 20 000 allocations; allow a few the collector has not reached
            assertTrue(allocations <= 16, "native allocations grew by " + allocations);
            assertTrue(bytes <= 16 * 64, "native bytes grew by " + bytes);
        }
    }
}
