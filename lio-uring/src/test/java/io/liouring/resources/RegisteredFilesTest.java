package io.liouring.resources;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.OpenFlags;
import io.liouring.SqeFlags;
import io.liouring.operation.OpenAt;
import io.liouring.operation.Read;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Registered files: sparse tables, updates with tags, the allocation range of direct descriptors. */
class RegisteredFilesTest {
    @TempDir
    Path dir;
    private Path file;
    private int fd;
    private final Arena arena = Arena.ofShared();

    @BeforeEach
    void openFile() throws IOException {
        file = dir.resolve("data");
        Files.writeString(file, "registered");
        fd = Fd.openRead(file);
    }

    @AfterEach
    void close() {
        Fd.close(fd);
        arena.close();
    }

    @Test
    void aSparseSlotFilledByUpdateIsReadThroughFixedFile() {
        try (var ring = new LioUring(8)) {
            ring.registerFilesSparse(4);
            MemorySegment buffer = arena.allocate(10);
            ring.push(new Read(1, buffer), 1, SqeFlags.FIXED_FILE);
            assertEquals(Errno.EBADF, next(ring).errno(), "slot 1 is empty");

            assertEquals(1, ring.updateFiles(1, fd));
            ring.push(new Read(1, buffer), 2, SqeFlags.FIXED_FILE);
            assertEquals(10, next(ring).result());
            assertEquals("registered", new String(buffer.toArray(ValueLayout.JAVA_BYTE)));
        }
    }

    @Test
    void aTaggedFilePostsItsTagWhenItLeavesTheTable() {
        try (var ring = new LioUring(8)) {
            ring.registerFiles(new int[] {fd, -1}, new long[] {21, 0});
            ring.updateFiles(0, -1);
            Completion tag = next(ring);
            assertEquals(21, tag.userData());
            assertEquals(0, tag.result());

            assertEquals(1, ring.updateFiles(1, new int[] {fd}, new long[] {22}));
            ring.unregisterFiles();
            assertEquals(22, next(ring).userData());
        }
    }

    @Test
    void allocatedDirectDescriptorsComeFromTheAllocationRange() {
        try (var ring = new LioUring(8)) {
            ring.registerFilesSparse(8);
            ring.fileAllocRange(4, 2);
            OpenAt open = new OpenAt(file, OpenFlags.O_RDONLY, 0).directAllocate();
            ring.push(open, 1);
            assertEquals(4, next(ring).result());
            ring.push(open, 2);
            assertEquals(5, next(ring).result());
            ring.push(open, 3);
            assertEquals(Errno.ENFILE, next(ring).errno(), "the range is used up although slots 0-3 are free");
        }
    }

    @Test
    void badArgumentsFailBeforeTheKernelSeesThem() {
        try (var ring = new LioUring(8)) {
            assertThrows(IllegalArgumentException.class, () -> ring.registerFiles(new int[] {-1}, new long[] {5}));
            assertThrows(IllegalArgumentException.class, () -> ring.registerFiles(new int[] {fd}, new long[0]));
            assertThrows(IllegalArgumentException.class, () -> ring.updateFiles(-1, fd));
            assertThrows(IllegalArgumentException.class, () -> ring.fileAllocRange(-1, 2));
            assertThrows(IllegalArgumentException.class, () -> ring.registerFilesSparse(0));
        }
    }
}
