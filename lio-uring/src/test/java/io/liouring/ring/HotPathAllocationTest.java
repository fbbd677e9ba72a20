package io.liouring.ring;

import io.liouring.testing.ChildJvm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ring's hot path — push of a reused operation, submit-and-wait, reap through a handler — allocates nothing
 * per operation, even when the JIT's escape analysis is off (so no allocation is merely optimised away), in a
 * child JVM. Allocation is counted by the JVM per thread: bytes, not time.
 */
class HotPathAllocationTest {
    @ParameterizedTest
    @ValueSource(strings = {"-XX:+DoEscapeAnalysis", "-XX:-DoEscapeAnalysis"})
    void pushSubmitAndReapAllocateNothingPerOperation(String escapeAnalysis) {
        ChildJvm.Result child = ChildJvm.run(HotPathAllocationChild.class, List.of(escapeAnalysis), 120);
        assertEquals(0, child.exitCode(), child.output());
        for (String ring : List.of("default", "default_batch32", "defer_taskrun", "defer_taskrun_batch32")) {
            double bytesPerOp = Double.parseDouble(child.value(ring));
            assertTrue(bytesPerOp < 1.0, ring + " allocated " + bytesPerOp + " bytes per operation\n" + child.output());
        }
    }
}
