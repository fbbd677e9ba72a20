package io.liouring.ring;

import io.liouring.Completion;
import io.liouring.CompletionHandler;
import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.UringException;
import io.liouring.operation.Nop;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code IORING_SETUP_CQE_MIXED} (Linux 6.18): 16-byte completions, and 32-byte ones flagged {@code IORING_CQE_F_32}
 * where a request posts one; where such an entry would wrap the ring, the kernel pads the last slot with an entry
 * flagged {@code IORING_CQE_F_SKIP}, which the ring skips. The big completions come from {@code NOP}s with
 * {@code IORING_NOP_CQE32}, which echo two chosen words.
 */
class MixedCompletionsTest {
    private static LioUring mixedRing(int cqEntries) {
        try {
            return new LioUring(4, Params.builder().cqeMixed().cqSize(cqEntries).build());
        } catch (UringException e) {
            assumeTrue(false, "CQE_MIXED needs Linux 6.18: " + e.getMessage());
            throw e;
        }
    }

    private record Seen(long userData, int result, int flags, long extra1, long extra2, boolean big) {
    }

    private static List<Seen> reapAll(LioUring ring) {
        List<Seen> seen = new ArrayList<>();
        ring.forEachCompletion(new CompletionHandler() {
            @Override
            public void onCompletion(long userData, int result, int flags) {
                seen.add(new Seen(userData, result, flags, 0, 0, false));
            }

            @Override
            public void onCompletion(long userData, int result, int flags, long extra1, long extra2) {
                seen.add(new Seen(userData, result, flags, extra1, extra2, true));
            }
        });
        return seen;
    }

    @Test
    void smallAndBigCompletionsShareTheRing() {
        try (var ring = mixedRing(8)) {
            assertTrue(Params.describeFlags(ring.setupFlags()).contains("CQE_MIXED"));
            ring.push(new Nop(), 1);
            ring.push(new Nop().cqe32(0x1111_2222_3333_4444L, -5L), 2);
            ring.push(new Nop().injectResult(3), 3);
            ring.submitAndWait(3);
            assertEquals(4, ring.cqReady(), "the big completion takes two 16-byte slots");
            List<Seen> seen = reapAll(ring);
            assertEquals(List.of(
                    new Seen(1, 0, 0, 0, 0, false),
                    new Seen(2, 0, Completion.F_32, 0x1111_2222_3333_4444L, -5L, true),
                    new Seen(3, 3, 0, 0, 0, false)), seen);
        }
    }

    @Test
    void aBigCompletionAtTheEndOfTheRingIsPaddedAndThePaddingSkipped() {
        try (var ring = mixedRing(8)) {
            fillSmall(ring, 7); // head = tail = 7: one 16-byte slot left before the ring wraps
            ring.push(new Nop().cqe32(7, 8), 42);
            ring.submitAndWait(1);
            assertEquals(3, ring.cqReady(), "a padding slot at the end, then the big entry's two at the start");
            List<Seen> seen = reapAll(ring);
            assertEquals(List.of(new Seen(42, 0, Completion.F_32, 7, 8, true)), seen, "the padding is not handed out");
            assertEquals(0, ring.cqReady());
        }
    }

    @Test
    void waitAndPollSkipThePaddingAndCarryTheExtraWords() {
        try (var ring = mixedRing(8)) {
            fillSmall(ring, 7);
            ring.push(new Nop().cqe32(-1L, 99L), 43);
            ring.push(new Nop(), 44);
            ring.submitAndWait(2);
            Completion big = ring.waitCompletion();
            assertEquals(new Completion(43, 0, Completion.F_32, -1L, 99L), big);
            assertEquals(new Completion(44, 0, 0), ring.peekCompletion().orElseThrow());
            assertEquals(new Completion(44, 0, 0), ring.tryCompletion().orElseThrow());
            assertTrue(ring.tryCompletion().isEmpty());
        }
    }

    @Test
    void aBigNopOnAPlainRingIsRefused() {
        try (var ring = new LioUring(4)) {
            ring.push(new Nop().cqe32(1, 2), 5);
            ring.submit();
            Completion c = next(ring);
            assertEquals(-22, c.result(), "EINVAL: neither CQE32 nor CQE_MIXED");
        }
    }

    @Test
    void everyCompletionOfACqe32RingReachesTheFiveArgumentHandler() {
        try (var ring = new LioUring(4, Params.builder().cqe32().build())) {
            ring.push(new Nop().cqe32(10, 20), 1);
            ring.push(new Nop(), 2);
            ring.submitAndWait(2);
            List<Seen> seen = reapAll(ring);
            assertEquals(List.of(new Seen(1, 0, 0, 10, 20, true), new Seen(2, 0, 0, 0, 0, true)), seen);
        }
    }

    @Test
    void rawSetupFlagsReachTheKernel() {
        try (var ring = new LioUring(4, Params.builder().rawFlags(1 << 18).build())) {
            assertTrue(Params.describeFlags(ring.setupFlags()).contains("CQE_MIXED"), "the raw bit is the ring's");
        } catch (UringException e) {
            assumeTrue(false, "CQE_MIXED needs Linux 6.18: " + e.getMessage());
        }
        UringException unknown = assertThrows(UringException.class,
                () -> new LioUring(4, Params.builder().rawFlags(1 << 30).build()));
        assertEquals(22, unknown.errnoNumber());
        assertTrue(unknown.getMessage().contains("1<<30"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Params.builder().rawFlags(1 << 14));
    }

    private static void fillSmall(LioUring ring, int count) {
        for (int i = 0; i < count; i++) {
            ring.push(new Nop(), 100 + i);
            ring.submitAndWait(1);
            assertEquals(100 + i, ring.waitCompletion().userData());
        }
    }
}
