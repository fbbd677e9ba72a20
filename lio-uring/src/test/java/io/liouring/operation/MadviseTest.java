package io.liouring.operation;

import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static io.liouring.testing.Roundtrip.run;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MadviseTest {
    /** Page-aligned on 4 KiB and 64 KiB page systems alike. */
    private static final long PAGES = 64 * 1024;

    LioUring ring;
    Arena arena;
    MemorySegment pages;

    @BeforeEach
    void setUp() {
        ring = new LioUring(8);
        arena = Arena.ofConfined();
        pages = arena.allocate(PAGES, PAGES);
    }

    @AfterEach
    void tearDown() {
        ring.close();
        arena.close();
    }

    @Test
    void encodesNoFdAddressLengthInLenAndAdvice() {
        SqeBytes sqe = SqeBytes.encode(new Madvise(pages, MemoryAdvice.WILLNEED));
        assertEquals(Opcode.MADVISE.code(), sqe.opcode());
        assertEquals(-1, sqe.fd());
        assertEquals(pages.address(), sqe.addr());
        assertEquals((int) PAGES, sqe.len());
        assertEquals(0, sqe.off());
        assertEquals(MemoryAdvice.WILLNEED, sqe.opFlags());
    }

    @Test
    void encodesALengthOver32BitsInOff() {
        MemorySegment huge = MemorySegment.ofAddress(pages.address()).reinterpret(1L << 33);
        SqeBytes sqe = SqeBytes.encode(new Madvise(huge, MemoryAdvice.NORMAL));
        assertEquals(0, sqe.len());
        assertEquals(1L << 33, sqe.off());
    }

    @Test
    void refusesHeapMemory() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Madvise(MemorySegment.ofArray(new byte[4096]), MemoryAdvice.NORMAL));
        assertTrue(e.getMessage().startsWith("range"), e.getMessage());
    }

    @Test
    void dontNeedDropsPrivateAnonymousPagesSoTheyReadBackAsZeros() {
        pages.fill((byte) 0x5A);

        assertEquals(0, run(ring, new Madvise(pages, MemoryAdvice.DONTNEED)).result());

        assertArrayEquals(new byte[(int) PAGES], pages.toArray(JAVA_BYTE));
    }

    @Test
    void willNeedKeepsTheContents() {
        pages.fill((byte) 0x33);

        assertEquals(0, run(ring, new Madvise(pages, MemoryAdvice.WILLNEED)).result());

        assertEquals(0x33, pages.get(JAVA_BYTE, PAGES - 1));
    }

    @Test
    void unalignedStartCompletesWithEinval() {
        assertEquals(Errno.EINVAL, run(ring, new Madvise(pages.asSlice(1, 4096), MemoryAdvice.NORMAL)).errno());
    }

    @Test
    void unknownAdviceCompletesWithEinval() {
        assertEquals(Errno.EINVAL, run(ring, new Madvise(pages, 12345)).errno());
    }
}
