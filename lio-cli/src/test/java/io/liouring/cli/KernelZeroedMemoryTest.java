package io.liouring.cli;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link KernelZeroedMemory} gives page-aligned memory of the size asked for, all zeros, writable, mapped in the
 * process until its arena closes and unmapped then; a size the kernel will not map is an {@link OutOfMemoryError}
 * naming the size and the kernel's reason, a size below one byte an {@link IllegalArgumentException}.
 */
class KernelZeroedMemoryTest {
    @Test
    void givesZeroedWritablePageAlignedMemoryUnmappedWhenItsArenaCloses() throws Exception {
        long size = 3 * 4096 + 100;
        MemorySegment memory;
        try (Arena arena = Arena.ofShared()) {
            memory = KernelZeroedMemory.allocate(arena, size);
            assertEquals(size, memory.byteSize());
            assertEquals(0, memory.address() % 4096);
            for (long i = 0; i < size; i++) {
                assertEquals(0, memory.get(JAVA_BYTE, i), "byte " + i);
            }
            memory.set(JAVA_BYTE, size - 1, (byte) 7);
            assertEquals(7, memory.get(JAVA_BYTE, size - 1));
            assertTrue(isMapped(memory.address()), "mapped while its arena is open");
        }
        assertFalse(isMapped(memory.address()), "unmapped once its arena closed");
        MemorySegment closed = memory;
        assertThrows(IllegalStateException.class, () -> closed.get(JAVA_BYTE, 0));
    }

    @Test
    void aMappingTheKernelRefusesIsAnOutOfMemoryErrorNamingSizeAndReason() {
        long size = 1L << 60; // beyond the 47-bit user address space: ENOMEM
        try (Arena arena = Arena.ofConfined()) {
            OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> KernelZeroedMemory.allocate(arena, size));
            assertEquals("mmap of " + size + " bytes for read buffers: Cannot allocate memory", e.getMessage());
        }
    }

    @Test
    void aSizeBelowOneByteIsRefusedBeforeTheKernel() {
        try (Arena arena = Arena.ofConfined()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KernelZeroedMemory.allocate(arena, 0));
            assertEquals("bytes must be positive: 0", e.getMessage());
        }
    }

    /** Whether one of the process's mappings ({@code /proc/self/maps}) starts at {@code address}. */
    private static boolean isMapped(long address) throws Exception {
        String start = Long.toHexString(address) + "-";
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().anyMatch(line -> line.startsWith(start));
    }
}
