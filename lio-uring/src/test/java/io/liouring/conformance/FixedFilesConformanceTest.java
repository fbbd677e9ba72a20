package io.liouring.conformance;

import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.SqeFlags;
import io.liouring.operation.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Registered files (IOSQE_FIXED_FILE): an index names a file; updates change it; the table holds its own reference. */
class FixedFilesConformanceTest {
    @TempDir
    Path dir;

    private int open(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return Fd.openRead(file);
    }

    private static String readSlot(LioUring ring, int slot, Arena arena) {
        MemorySegment buffer = arena.allocate(5);
        ring.push(new Read(slot, buffer), slot, SqeFlags.FIXED_FILE);
        int n = next(ring).resultOrThrow();
        return new String(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
    }

    @Test
    void anIndexReadsTheFileRegisteredThere() throws Exception {
        int a = open("a", "alpha");
        int b = open("b", "bravo");
        try (var ring = new LioUring(4); var arena = Arena.ofConfined()) {
            ring.registerFiles(a, b);
            assertEquals("bravo", readSlot(ring, 1, arena));
            assertEquals("alpha", readSlot(ring, 0, arena));
        } finally {
            Fd.close(a);
            Fd.close(b);
        }
    }

    @Test
    void anUpdatedSlotNamesTheNewFile() throws Exception {
        int a = open("a", "alpha");
        int b = open("b", "bravo");
        try (var ring = new LioUring(4); var arena = Arena.ofConfined()) {
            ring.registerFiles(a);
            ring.updateFiles(0, b);
            assertEquals("bravo", readSlot(ring, 0, arena));
        } finally {
            Fd.close(a);
            Fd.close(b);
        }
    }

    @Test
    void aRegisteredFileStaysUsableAfterItsFdIsClosed() throws Exception {
        int a = open("a", "alpha");
        try (var ring = new LioUring(4); var arena = Arena.ofConfined()) {
            ring.registerFiles(a);
            Fd.close(a);
            assertEquals("alpha", readSlot(ring, 0, arena));
        }
    }

    @Test
    void anEmptiedSlotFailsWithEbadf() throws Exception {
        int a = open("a", "alpha");
        try (var ring = new LioUring(4); var arena = Arena.ofConfined()) {
            ring.registerFiles(a);
            ring.updateFiles(0, -1);
            ring.push(new Read(0, arena.allocate(5)), 1, SqeFlags.FIXED_FILE);
            assertEquals(Errno.EBADF, next(ring).errno());
        } finally {
            Fd.close(a);
        }
    }

    @Test
    void anIndexBeyondTheTableFailsWithEbadf() throws Exception {
        int a = open("a", "alpha");
        try (var ring = new LioUring(4); var arena = Arena.ofConfined()) {
            ring.registerFiles(a);
            ring.push(new Read(7, arena.allocate(5)), 1, SqeFlags.FIXED_FILE);
            assertEquals(Errno.EBADF, next(ring).errno());
        } finally {
            Fd.close(a);
        }
    }
}
