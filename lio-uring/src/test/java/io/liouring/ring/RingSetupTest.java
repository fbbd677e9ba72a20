package io.liouring.ring;

import io.liouring.Feature;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.Params;
import io.liouring.Probe;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Creating rings: sizes, features, probe, close. */
class RingSetupTest {
    @Test
    void entriesRoundUpToAPowerOfTwoAndTheCompletionQueueIsTwiceAsLarge() {
        try (var ring = new LioUring(5)) {
            assertEquals(8, ring.sqEntries());
            assertEquals(16, ring.cqEntries());
        }
    }

    @Test
    void cqSizeSetsTheCompletionQueueSize() {
        try (var ring = new LioUring(4, Params.builder().cqSize(100).build())) {
            assertEquals(128, ring.cqEntries());
        }
    }

    @Test
    void clampAcceptsTooManyEntries() {
        try (var ring = new LioUring(100_000, Params.builder().clamp().build())) {
            assertEquals(LioUring.MAX_ENTRIES, ring.sqEntries());
        }
    }

    @Test
    void defaultsUseNoSqArrayOnKernelsThatHaveIt() {
        try (var ring = new LioUring(4)) {
            assertTrue((ring.setupFlags() & (1 << 16)) != 0, Params.describeFlags(ring.setupFlags()));
        }
    }

    @Test
    void theKernelReportsItsFeatures() {
        try (var ring = new LioUring(4)) {
            assertTrue(ring.features().contains(Feature.SINGLE_MMAP));
            assertTrue(ring.hasFeature(Feature.NODROP));
            assertTrue(ring.hasFeature(Feature.EXT_ARG));
        }
    }

    @Test
    void probeListsTheOpcodesOfThisKernel() {
        try (var ring = new LioUring(4)) {
            Probe probe = ring.probe();
            assertTrue(probe.isSupported(Opcode.NOP));
            assertTrue(probe.isSupported(Opcode.READ));
            assertTrue(probe.lastOpcode() >= Opcode.PIPE.code(), "kernel 6.16+ has PIPE; last=" + probe.lastOpcode());
            assertEquals(probe.lastOpcode() + 1, probe.supportedCount());
            assertFalse(probe.isSupported(200));
        }
    }

    @Test
    void closeIsIdempotentAndLaterCallsAreRefused() {
        var ring = new LioUring(4);
        ring.close();
        ring.close();
        assertTrue(ring.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, ring::submit);
        assertEquals("ring is closed", e.getMessage());
        assertThrows(IllegalStateException.class, ring::waitCompletion);
        assertThrows(IllegalStateException.class, ring::probe);
    }

    @Test
    void registeredRingFdIsUsedForEveryEnter() {
        try (var ring = new LioUring(4)) {
            ring.registerRingFd();
            assertTrue(ring.isRingFdRegistered());
            ring.push(new io.liouring.operation.Nop(), 7);
            assertEquals(1, ring.submitAndWait(1));
            assertEquals(7, ring.waitCompletion().userData());
        }
    }
}
