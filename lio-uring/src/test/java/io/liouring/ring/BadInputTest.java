package io.liouring.ring;

import io.liouring.Completion;
import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.SqeFlags;
import io.liouring.UringException;
import io.liouring.operation.Nop;
import io.liouring.operation.Read;
import io.liouring.operation.Write;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input fails early, with an exception that names the argument; the ring stays usable afterwards. */
class BadInputTest {
    private LioUring ring;

    @BeforeEach
    void open() {
        ring = new LioUring(4);
    }

    @AfterEach
    void stillUsableThenClose() {
        ring.push(new Nop(), 99);
        assertEquals(99, ring.waitCompletion().userData());
        ring.close();
    }

    @Test
    void heapSegmentIsRejectedBecauseTheKernelNeedsAnAddress() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Read(0, MemorySegment.ofArray(new byte[8])));
        assertTrue(e.getMessage().contains("buffer is a heap segment"), e.getMessage());
    }

    @Test
    void lengthBeyondTheSegmentIsRejected() {
        MemorySegment buffer = Arena.ofAuto().allocate(8);
        var e = assertThrows(IllegalArgumentException.class, () -> new Write(1, buffer).length(9));
        assertTrue(e.getMessage().startsWith("length (9) is longer than the segment (8 bytes)"), e.getMessage());
    }

    @Test
    void negativeOffsetOtherThanCurrentPositionIsRejected() {
        MemorySegment buffer = Arena.ofAuto().allocate(8);
        var e = assertThrows(IllegalArgumentException.class, () -> new Read(0, buffer, -2));
        assertTrue(e.getMessage().startsWith("offset must be >= 0, or -1"), e.getMessage());
    }

    @Test
    void bufferOfAClosedArenaIsRejectedAtPushWithoutConsumingASlot() {
        Arena arena = Arena.ofConfined();
        Read read = new Read(0, arena.allocate(8));
        arena.close();
        int space = ring.sqSpaceLeft();
        var e = assertThrows(IllegalStateException.class, () -> ring.push(read, 1));
        assertTrue(e.getMessage().contains("arena that was closed"), e.getMessage());
        assertEquals(space, ring.sqSpaceLeft());
    }

    @Test
    void fullSubmissionQueueIsAClearExceptionAndTryPushSaysFalse() {
        Nop nop = new Nop();
        for (int i = 0; i < ring.sqEntries(); i++) {
            ring.push(nop, i);
        }
        assertFalse(ring.tryPush(nop, 100));
        var e = assertThrows(IllegalStateException.class, () -> ring.push(nop, 100));
        assertTrue(e.getMessage().startsWith("submission queue is full (4 entries)"), e.getMessage());
        assertEquals(4, ring.submitAndWait(4));
        for (int i = 0; i < 4; i++) {
            assertEquals(i, ring.waitCompletion().userData());
        }
    }

    @Test
    void nullArgumentsAreNamed() {
        var e = assertThrows(NullPointerException.class, () -> ring.push(null, 1));
        assertEquals("operation", e.getMessage());
        e = assertThrows(NullPointerException.class, () -> ring.push(new Nop(), 1, null));
        assertEquals("flags", e.getMessage());
        e = assertThrows(NullPointerException.class, () -> ring.waitCompletion(null));
        assertEquals("timeout", e.getMessage());
    }

    @Test
    void negativeCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ring.submitAndWait(-1));
        assertThrows(IllegalArgumentException.class, () -> ring.waitCompletion(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> SqeFlags.of(128));
    }

    @Test
    void invalidEntriesAreRejectedBeforeTheKernelIsAsked() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LioUring(0));
        assertTrue(e.getMessage().startsWith("entries must be between 1 and 32768"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LioUring(40_000));
    }

    @Test
    void flagsTheKernelRefusesAreNamedInTheError() {
        // CQ smaller than SQ is refused by the kernel with EINVAL
        var e = assertThrows(UringException.class, () -> new LioUring(8, Params.builder().cqSize(4).build()));
        assertEquals(io.liouring.Errno.EINVAL, e.errno());
        assertTrue(e.getMessage().contains("CQSIZE"), e.getMessage());
    }

    @Test
    void aFailedRequestNamesItsErrno() {
        ring.push(new Nop().injectResult(-2), 5);
        Completion c = ring.waitCompletion();
        var e = assertThrows(UringException.class, c::resultOrThrow);
        assertTrue(e.getMessage().contains("ENOENT (2): No such file or directory"), e.getMessage());
    }
}
