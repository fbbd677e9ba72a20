package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.SqeFlags;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilesUpdateTest {
    @TempDir
    Path dir;
    private Path first;
    private Path second;

    @BeforeEach
    void files() throws Exception {
        first = Files.writeString(dir.resolve("first"), "first file");
        second = Files.writeString(dir.resolve("second"), "second file");
    }

    @Test
    void encodesTheFdArrayCountAndOffsetWithFdMinusOne() {
        FilesUpdate update = new FilesUpdate(3, 10, FilesUpdate.REMOVE, FilesUpdate.SKIP);
        SqeBytes sqe = SqeBytes.encode(update);
        assertEquals(Opcode.FILES_UPDATE.code(), sqe.opcode());
        assertEquals(20, sqe.opcode());
        assertEquals(-1, sqe.fd());
        assertEquals(3, sqe.len());
        assertEquals(3, sqe.off());
        MemorySegment array = MemorySegment.ofAddress(sqe.addr()).reinterpret(12);
        assertArrayEquals(new int[] {10, -1, -2}, array.toArray(JAVA_INT));
    }

    @Test
    void encodesTheAllocateFormAsOffsetFileIndexAlloc() {
        SqeBytes sqe = SqeBytes.encode(FilesUpdate.allocate(7));
        assertEquals(0xFFFF_FFFFL, sqe.off());
        assertTrue(FilesUpdate.allocate(7).allocates());
    }

    @Test
    void refusesAnEmptyArrayAndANegativeOffset() {
        assertThrows(IllegalArgumentException.class, () -> new FilesUpdate(0));
        assertThrows(IllegalArgumentException.class, () -> new FilesUpdate(-1, 3));
        assertThrows(IllegalStateException.class, () -> FilesUpdate.allocate(3).offset(0));
    }

    @Test
    void aFixedFileReadReadsTheNewFileAfterTheUpdate() {
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined()) {
            int a = Fd.openRead(first);
            int b = Fd.openRead(second);
            try {
                ring.registerFiles(a);
                assertEquals("first file", readSlot(ring, arena, 0));
                Completion c = Roundtrip.run(ring, new FilesUpdate(0, b));
                assertEquals(1, c.result(), "one slot updated");
                assertEquals("second file", readSlot(ring, arena, 0));
            } finally {
                Fd.close(a);
                Fd.close(b);
            }
        }
    }

    @Test
    void removeEmptiesTheSlotAndSkipLeavesItAlone() {
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined()) {
            int a = Fd.openRead(first);
            int b = Fd.openRead(second);
            try {
                ring.registerFiles(a, b);
                assertEquals(2, Roundtrip.run(ring, new FilesUpdate(0, FilesUpdate.REMOVE, FilesUpdate.SKIP)).result());
                Completion gone = Roundtrip.run(ring, new Read(0, arena.allocate(32)), SqeFlags.FIXED_FILE);
                assertEquals(Errno.EBADF, gone.errno());
                assertEquals("second file", readSlot(ring, arena, 1));
            } finally {
                Fd.close(a);
                Fd.close(b);
            }
        }
    }

    @Test
    void theAllocateFormPutsEachFdInAFreeSlotAndReportsIt() {
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined()) {
            int a = Fd.openRead(first);
            int b = Fd.openRead(second);
            try {
                ring.registerFiles(a, -1, -1, -1);
                FilesUpdate update = FilesUpdate.allocate(b, a);
                assertEquals(2, Roundtrip.run(ring, update).result());
                int[] slots = update.slots();
                assertTrue(slots[0] >= 1 && slots[0] < 4 && slots[1] >= 1 && slots[1] < 4 && slots[0] != slots[1],
                        "free slots 1..3 were chosen: " + slots[0] + ", " + slots[1]);
                assertEquals("second file", readSlot(ring, arena, slots[0]));
                assertEquals("first file", readSlot(ring, arena, slots[1]));
            } finally {
                Fd.close(a);
                Fd.close(b);
            }
        }
    }

    private static String readSlot(LioUring ring, Arena arena, int slot) {
        MemorySegment buffer = arena.allocate(32);
        int n = Roundtrip.run(ring, new Read(slot, buffer), SqeFlags.FIXED_FILE).resultOrThrow();
        return new String(buffer.asSlice(0, n).toArray(JAVA_BYTE), StandardCharsets.US_ASCII);
    }
}
