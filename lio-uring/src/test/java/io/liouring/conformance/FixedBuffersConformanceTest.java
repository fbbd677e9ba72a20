package io.liouring.conformance;

import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.OpenFlags;
import io.liouring.operation.ReadFixed;
import io.liouring.operation.WriteFixed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Registered buffers (READ_FIXED / WRITE_FIXED): any part of a registered buffer, and nothing outside it. */
class FixedBuffersConformanceTest {
    @Test
    void aFixedWriteWritesTheRegisteredBytes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out");
        int fd = Fd.open(file, OpenFlags.O_CREAT | OpenFlags.O_WRONLY, 0644);
        try (var ring = new LioUring(4); var arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocateFrom("fixed bytes!", StandardCharsets.US_ASCII);
            ring.registerBuffers(buffer);
            ring.push(new WriteFixed(fd, buffer.asSlice(0, 12), 0, 0), 1);
            assertEquals(12, next(ring).result());
            assertEquals("fixed bytes!", Files.readString(file));
        } finally {
            Fd.close(fd);
        }
    }

    @Test
    void aFixedReadMayUseAnyPartOfItsBuffer(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("in");
        Files.writeString(file, "0123456789");
        int fd = Fd.openRead(file);
        try (var ring = new LioUring(4); var arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(4096);
            ring.registerBuffers(buffer);
            ring.push(new ReadFixed(fd, buffer.asSlice(1000, 4), 0, 6), 1);
            assertEquals(4, next(ring).result());
            assertEquals("6789", new String(buffer.asSlice(1000, 4).toArray(ValueLayout.JAVA_BYTE)));
        } finally {
            Fd.close(fd);
        }
    }

    @Test
    void memoryOutsideTheRegisteredBufferIsRefusedWithEfault(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("in");
        Files.writeString(file, "0123456789");
        int fd = Fd.openRead(file);
        try (var ring = new LioUring(4); var arena = Arena.ofConfined()) {
            MemorySegment registered = arena.allocate(64);
            MemorySegment other = arena.allocate(64);
            ring.registerBuffers(registered);
            ring.push(new ReadFixed(fd, other, 0, 0), 1);
            assertEquals(Errno.EFAULT, next(ring).errno());
            ring.push(new ReadFixed(fd, registered, 3, 0), 2);
            assertEquals(Errno.EFAULT, next(ring).errno(), "slot 3 does not exist");
        } finally {
            Fd.close(fd);
        }
    }
}
