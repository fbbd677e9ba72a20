package io.liouring.conformance;

import io.liouring.DirectFd;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.OpenFlags;
import io.liouring.SqeFlags;
import io.liouring.operation.Close;
import io.liouring.operation.OpenAt;
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

/** Direct descriptors: files opened straight into the registered table, used by index, closed by index. */
class DirectDescriptorConformanceTest {
    @TempDir
    Path dir;

    private Path file() throws Exception {
        Path file = dir.resolve("direct");
        Files.writeString(file, "direct!");
        return file;
    }

    @Test
    void openIntoASlotReadThroughItAndCloseIt() throws Exception {
        try (var ring = new LioUring(4); var arena = Arena.ofConfined()) {
            ring.registerFilesSparse(4);
            ring.push(new OpenAt(file(), OpenFlags.O_RDONLY, 0).direct(new DirectFd(2)), 1);
            assertEquals(0, next(ring).result(), "a direct open into a given slot completes with 0");

            MemorySegment buffer = arena.allocate(7);
            ring.push(new Read(2, buffer), 2, SqeFlags.FIXED_FILE);
            assertEquals(7, next(ring).result());
            assertEquals("direct!", new String(buffer.toArray(ValueLayout.JAVA_BYTE)));

            ring.push(new Close(new DirectFd(2)), 3);
            assertEquals(0, next(ring).result());
            ring.push(new Read(2, buffer), 4, SqeFlags.FIXED_FILE);
            assertEquals(Errno.EBADF, next(ring).errno(), "the slot is empty after the direct close");
        }
    }

    @Test
    void anAllocatedSlotIsTheResultAndCanBeReusedAfterClose() throws Exception {
        try (var ring = new LioUring(4)) {
            ring.registerFilesSparse(2);
            OpenAt open = new OpenAt(file(), OpenFlags.O_RDONLY, 0).directAllocate();
            ring.push(open, 1);
            int first = next(ring).resultOrThrow();
            ring.push(open, 2);
            int second = next(ring).resultOrThrow();
            assertEquals(java.util.Set.of(0, 1), java.util.Set.of(first, second));
            ring.push(open, 3);
            assertEquals(Errno.ENFILE, next(ring).errno(), "both slots are taken");

            ring.push(new Close(new DirectFd(first)), 4);
            assertEquals(0, next(ring).result());
            ring.push(open, 5);
            assertEquals(first, next(ring).result(), "the freed slot is handed out again");
        }
    }

    @Test
    void aDirectOpenWithoutAFileTableFails() throws Exception {
        try (var ring = new LioUring(4)) {
            ring.push(new OpenAt(file(), OpenFlags.O_RDONLY, 0).direct(new DirectFd(0)), 1);
            assertEquals(Errno.ENXIO, next(ring).errno());
        }
    }
}
