package io.liouring.bench.storage;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomOffsetsTest {
    @Test
    void offsetsAreBlockAlignedAndLeaveAWholeBlockBeforeTheEnd() {
        RandomOffsets offsets = new RandomOffsets(1 << 20, 4096, 42);
        for (int i = 0; i < 100_000; i++) {
            long offset = offsets.next();
            assertEquals(0, offset % 4096, "offset " + offset);
            assertTrue(offset >= 0 && offset <= (1 << 20) - 4096, "offset " + offset);
        }
    }

    @Test
    void offsetsReachEveryBlockOfASmallFile() {
        RandomOffsets offsets = new RandomOffsets(64 * 4096, 4096, 7);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(offsets.next());
        }
        assertEquals(64, seen.size());
    }

    @Test
    void differentSeedsGiveDifferentSequences() {
        RandomOffsets a = new RandomOffsets(1L << 30, 4096, 1);
        RandomOffsets b = new RandomOffsets(1L << 30, 4096, 2);
        long[] first = {a.next(), a.next(), a.next()};
        long[] second = {b.next(), b.next(), b.next()};
        assertNotEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(second));
    }
}
