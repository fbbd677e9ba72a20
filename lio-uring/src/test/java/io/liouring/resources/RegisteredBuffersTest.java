package io.liouring.resources;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.UringException;
import io.liouring.operation.ReadFixed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registered buffers: sparse tables, updates with tags, unregistering, cloning into another ring. */
class RegisteredBuffersTest {
    @TempDir
    Path dir;
    private final Arena arena = Arena.ofShared();
    private int fd;

    @BeforeEach
    void openFile() throws IOException {
        Path file = dir.resolve("data");
        Files.writeString(file, "0123456789abcdef");
        fd = Fd.openRead(file);
    }

    @AfterEach
    void close() {
        Fd.close(fd);
        arena.close();
    }

    private static String text(MemorySegment segment, int length) {
        return new String(segment.asSlice(0, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                StandardCharsets.US_ASCII);
    }

    @Test
    void aSparseTableIsEmptyUntilUpdatedAndThenServesFixedReads() {
        try (var ring = new LioUring(8)) {
            ring.registerBuffersSparse(4);
            MemorySegment buffer = arena.allocate(8);

            ring.push(new ReadFixed(fd, buffer, 2, 0), 1);
            assertEquals(Errno.EFAULT, next(ring).errno(), "an empty slot has no memory to read into");

            assertEquals(1, ring.updateBuffers(2, buffer));
            ring.push(new ReadFixed(fd, buffer, 2, 4), 2);
            assertEquals(8, next(ring).result());
            assertEquals("456789ab", text(buffer, 8));
            assertSame(buffer, ring.registeredBuffer(2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ring.registeredBuffer(0));
            assertTrue(e.getMessage().contains("empty"), e.getMessage());
        }
    }

    @Test
    void aTaggedBufferPostsItsTagWhenItLeavesTheTable() {
        try (var ring = new LioUring(8)) {
            MemorySegment a = arena.allocate(64);
            MemorySegment b = arena.allocate(64);
            ring.registerBuffers(new MemorySegment[] {a, b}, new long[] {11, 0});

            ring.updateBuffers(0, arena.allocate(64));
            Completion tag = next(ring);
            assertEquals(11, tag.userData());
            assertEquals(0, tag.result());

            ring.updateBuffers(1, new MemorySegment[] {a}, new long[] {12});
            ring.unregisterBuffers();
            assertEquals(12, next(ring).userData(), "unregistering releases the tagged buffer");
        }
    }

    @Test
    void updatingWithNullEmptiesASlot() {
        try (var ring = new LioUring(8)) {
            MemorySegment buffer = arena.allocate(8);
            ring.registerBuffers(buffer);
            ring.updateBuffers(0, MemorySegment.NULL);
            ring.push(new ReadFixed(fd, buffer, 0, 0), 1);
            assertEquals(Errno.EFAULT, next(ring).errno());
            assertThrows(IllegalArgumentException.class, () -> ring.registeredBuffer(0));
        }
    }

    @Test
    void unregisteredBuffersCanNoLongerBeUsed() {
        try (var ring = new LioUring(8)) {
            MemorySegment buffer = arena.allocate(8);
            ring.registerBuffers(buffer);
            ring.unregisterBuffers();
            ring.push(new ReadFixed(fd, buffer, 0, 0), 1);
            assertEquals(Errno.EFAULT, next(ring).errno());
            assertThrows(IllegalArgumentException.class, () -> ring.registeredBuffer(0));
            UringException e = assertThrows(UringException.class, ring::unregisterBuffers);
            assertEquals(Errno.ENXIO, e.errno(), "nothing left to unregister");
        }
    }

    @Test
    void aClonedTableServesFixedReadsInTheOtherRing() {
        try (var source = new LioUring(8); var ring = new LioUring(8)) {
            MemorySegment a = arena.allocate(4);
            MemorySegment b = arena.allocate(4);
            source.registerBuffers(a, b);
            ring.cloneBuffers(source);

            ring.push(new ReadFixed(fd, b, 1, 12), 1);
            assertEquals(4, next(ring).result());
            assertEquals("cdef", text(b, 4));
            assertSame(b, ring.registeredBuffer(1));
        }
    }

    @Test
    void aRangeClonedWithReplaceLandsAtTheGivenSlotAndKeepsTheRest() {
        try (var source = new LioUring(8); var ring = new LioUring(8)) {
            MemorySegment a = arena.allocate(4);
            MemorySegment b = arena.allocate(4);
            MemorySegment own = arena.allocate(4);
            source.registerBuffers(a, b);
            ring.registerBuffersSparse(4);
            ring.updateBuffers(0, own);

            ring.cloneBuffers(source, 1, 3, 1, true);
            assertSame(own, ring.registeredBuffer(0));
            assertSame(b, ring.registeredBuffer(3));
            ring.push(new ReadFixed(fd, b, 3, 0), 1);
            assertEquals(4, next(ring).result());
            assertEquals("0123", text(b, 4));
            ring.push(new ReadFixed(fd, own, 0, 4), 2);
            assertEquals(4, next(ring).result());
            assertEquals("4567", text(own, 4));
        }
    }

    @Test
    void cloningOntoRegisteredBuffersWithoutReplaceIsRefused() {
        try (var source = new LioUring(8); var ring = new LioUring(8)) {
            source.registerBuffers(arena.allocate(4));
            ring.registerBuffers(arena.allocate(4));
            UringException e = assertThrows(UringException.class, () -> ring.cloneBuffers(source));
            assertEquals(Errno.EBUSY, e.errno());
        }
    }

    @Test
    void badArgumentsFailBeforeTheKernelSeesThem() {
        try (var ring = new LioUring(8)) {
            MemorySegment a = arena.allocate(4);
            assertThrows(IllegalArgumentException.class, () -> ring.registerBuffersSparse(0));
            assertThrows(IllegalArgumentException.class,
                    () -> ring.registerBuffers(new MemorySegment[] {a}, new long[] {1, 2}));
            assertThrows(IllegalArgumentException.class,
                    () -> ring.registerBuffers(new MemorySegment[] {MemorySegment.NULL}, new long[] {1}));
            assertThrows(IllegalArgumentException.class, () -> ring.registerBuffers(MemorySegment.ofArray(new byte[4])));
            assertThrows(IllegalArgumentException.class, () -> ring.updateBuffers(-1, a));
            assertThrows(IllegalArgumentException.class, () -> ring.cloneBuffers(ring));
            assertThrows(IllegalArgumentException.class, () -> ring.cloneBuffers(ring, 1, 0, 0, false));
        }
    }
}
