package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.struct.FutexWaitVector;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;

import static io.liouring.operation.Futex2Flags.BITSET_MATCH_ANY;
import static io.liouring.operation.Futex2Flags.PRIVATE;
import static io.liouring.operation.Futex2Flags.SIZE_U32;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FutexTest {
    private LioUring ring;
    private Arena arena;
    private MemorySegment futex;
    private MemorySegment otherFutex;

    @BeforeEach
    void setUp() {
        ring = new LioUring(16);
        arena = Arena.ofConfined();
        futex = arena.allocate(JAVA_INT);
        otherFutex = arena.allocate(JAVA_INT);
    }

    @AfterEach
    void tearDown() {
        ring.close(); // cancels waits still pending before the futex words go
        arena.close();
    }

    // ------------------------------------------------------------------ encoding

    @Test
    void futexWaitEncodesFlagsInFdAddressExpectedValueAndMask() {
        SqeBytes sqe = SqeBytes.encode(new FutexWait(futex, 5));
        assertEquals(Opcode.FUTEX_WAIT.code(), sqe.opcode());
        assertEquals(SIZE_U32 | PRIVATE, sqe.fd());
        assertEquals(futex.address(), sqe.addr());
        assertEquals(5, sqe.off());
        assertEquals(BITSET_MATCH_ANY, sqe.addr3());
        assertEquals(0, sqe.opFlags(), "futex_flags must be 0");
        assertEquals(0, sqe.len());

        SqeBytes shared = SqeBytes.encode(new FutexWait(futex, 5).futexFlags(SIZE_U32).mask(0b1010));
        assertEquals(SIZE_U32, shared.fd());
        assertEquals(0b1010, shared.addr3());
    }

    @Test
    void futexWakeEncodesTheCountInAddr2() {
        SqeBytes sqe = SqeBytes.encode(new FutexWake(futex, 3));
        assertEquals(Opcode.FUTEX_WAKE.code(), sqe.opcode());
        assertEquals(SIZE_U32 | PRIVATE, sqe.fd());
        assertEquals(futex.address(), sqe.addr());
        assertEquals(3, sqe.off());
        assertEquals(BITSET_MATCH_ANY, sqe.addr3());
    }

    @Test
    void futexWaitVEncodesTheVectorAndItsLength() {
        FutexWaitVector vector = FutexWaitVector.allocate(arena, 2)
                .set(0, futex, 1, SIZE_U32 | PRIVATE)
                .set(1, otherFutex, 2, SIZE_U32);
        SqeBytes sqe = SqeBytes.encode(new FutexWaitV(vector));
        assertEquals(Opcode.FUTEX_WAITV.code(), sqe.opcode());
        assertEquals(0, sqe.fd());
        assertEquals(vector.segment().address(), sqe.addr());
        assertEquals(2, sqe.len());
        assertEquals(0, sqe.opFlags());
        assertEquals(0, sqe.addr3());
    }

    @Test
    void futexWaitVectorHasTheKernelsLayout() {
        FutexWaitVector vector = FutexWaitVector.allocate(arena, 2).set(0, futex, 1, SIZE_U32)
                .set(1, otherFutex, 0xFFFF_FFFFL, SIZE_U32 | PRIVATE);
        MemorySegment raw = vector.segment();
        assertEquals(48, raw.byteSize());
        assertEquals(0xFFFF_FFFFL, raw.get(JAVA_LONG, 24));
        assertEquals(otherFutex.address(), raw.get(JAVA_LONG, 32));
        assertEquals(SIZE_U32 | PRIVATE, raw.get(JAVA_INT, 40));
        assertEquals(0, raw.get(JAVA_INT, 44));
    }

    @Test
    void badFutexArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FutexWait(MemorySegment.ofArray(new int[1]), 0));
        assertThrows(IllegalArgumentException.class, () -> new FutexWait(arena.allocate(8, 4).asSlice(2), 0));
        assertThrows(IllegalArgumentException.class, () -> new FutexWait(futex, 0).mask(0));
        assertThrows(IllegalArgumentException.class, () -> new FutexWake(futex, 0));
        assertThrows(IllegalArgumentException.class, () -> FutexWaitVector.allocate(arena, 129));
        assertThrows(IllegalStateException.class,
                () -> SqeBytes.encode(new FutexWaitV(FutexWaitVector.allocate(arena, 2).set(0, futex, 0, SIZE_U32))));
    }

    // ------------------------------------------------------------------ kernel

    @Test
    void aWaitIsWokenByAWake() {
        ring.push(new FutexWait(futex, 0), 1);
        ring.submit();
        assertTrue(ring.tryCompletion().isEmpty(), "the wait is pending");

        ring.push(new FutexWake(futex, 1), 2);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
        assertEquals(1, done.get(2L).result(), "one waiter woken");
        assertEquals(0, done.get(1L).result());
    }

    @Test
    void aWaitOnAWordThatHoldsAnotherValueFailsWithEagain() {
        futex.set(JAVA_INT, 0, 1);
        ring.push(new FutexWait(futex, 0), 1);
        assertEquals(Errno.EAGAIN, Roundtrip.next(ring).errno());
    }

    @Test
    void aWakeWithNoWaitersWakesNone() {
        ring.push(new FutexWake(futex, 1), 1);
        assertEquals(0, Roundtrip.next(ring).result());
    }

    @Test
    void aWakeWithADisjointMaskLeavesTheWaiterAlone() {
        ring.push(new FutexWait(futex, 0).mask(0b01), 1);
        ring.submit();
        ring.push(new FutexWake(futex, 1).mask(0b10), 2);
        assertEquals(0, Roundtrip.next(ring).result(), "nobody matched");

        ring.push(new FutexWake(futex, 1).mask(0b01), 3);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
        assertEquals(1, done.get(3L).result());
        assertEquals(0, done.get(1L).result());
    }

    @Test
    void waitVReportsTheIndexOfTheFutexThatWasWoken() {
        FutexWaitVector vector = FutexWaitVector.allocate(arena, 2)
                .set(0, futex, 0, SIZE_U32 | PRIVATE)
                .set(1, otherFutex, 0, SIZE_U32 | PRIVATE);
        ring.push(new FutexWaitV(vector), 1);
        ring.submit();
        ring.push(new FutexWake(otherFutex, 1), 2);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
        assertEquals(1, done.get(2L).result());
        assertEquals(1, done.get(1L).result(), "woken on the second futex");
    }

    @Test
    void waitVFailsWithEagainWhenAWordHoldsAnotherValue() {
        otherFutex.set(JAVA_INT, 0, 3);
        FutexWaitVector vector = FutexWaitVector.allocate(arena, 2)
                .set(0, futex, 0, SIZE_U32 | PRIVATE)
                .set(1, otherFutex, 0, SIZE_U32 | PRIVATE);
        ring.push(new FutexWaitV(vector), 1);
        assertEquals(Errno.EAGAIN, Roundtrip.next(ring).errno());
    }

    @Test
    void aPendingWaitCanBeCancelled() {
        ring.push(new FutexWait(futex, 0), 1);
        ring.submit();
        ring.push(AsyncCancel.byUserData(1), 2);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
        assertEquals(Errno.ECANCELED, done.get(1L).errno());
        assertTrue(done.get(2L).result() >= 0, "0, or 1 where the kernel's futex cancel reports a count: "
                + done.get(2L));
    }
}
