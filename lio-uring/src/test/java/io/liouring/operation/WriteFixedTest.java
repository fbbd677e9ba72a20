package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.liouring.OpenFlags.O_CREAT;
import static io.liouring.OpenFlags.O_TRUNC;
import static io.liouring.OpenFlags.O_WRONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WriteFixedTest {
    @Test
    void encodesFdBufferLengthOffsetBufferIndexAndRwFlags() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(32);
            SqeBytes sqe = SqeBytes.encode(new WriteFixed(5, buffer, 65535, -1).rwFlags(RwFlags.DSYNC));
            assertEquals(Opcode.WRITE_FIXED.code(), sqe.opcode());
            assertEquals(5, sqe.opcode());
            assertEquals(5, sqe.fd());
            assertEquals(buffer.address(), sqe.addr());
            assertEquals(32, sqe.len());
            assertEquals(-1L, sqe.off());
            assertEquals(65535, sqe.bufIndex());
            assertEquals(RwFlags.DSYNC, sqe.opFlags());
        }
    }

    @Test
    void withTheRingRefusesABufferReachingPastTheRegisteredOne() {
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined()) {
            MemorySegment whole = arena.allocate(8192, 4096);
            MemorySegment registered = whole.asSlice(0, 4096);
            ring.registerBuffers(registered);
            var e = assertThrows(IllegalArgumentException.class,
                    () -> new WriteFixed(ring, 1, whole.asSlice(4000, 200), 0, 0));
            assertTrue(e.getMessage().contains("not inside registered buffer 0"), e.getMessage());
        }
    }

    @Test
    void writesASliceOfTheRegisteredBufferToTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out");
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined()) {
            MemorySegment first = arena.allocate(4096, 4096);
            MemorySegment second = arena.allocate(4096, 4096);
            ring.registerBuffers(first, second);
            MemorySegment slice = second.asSlice(512, 11);
            slice.copyFrom(MemorySegment.ofArray("fixed bytes".getBytes(StandardCharsets.US_ASCII)));
            int fd = Fd.open(file, O_CREAT | O_WRONLY | O_TRUNC, 0644);
            try {
                Completion c = Roundtrip.run(ring, new WriteFixed(ring, fd, slice, 1, 3));
                assertEquals(11, c.result());
                byte[] content = Files.readAllBytes(file);
                assertEquals(14, content.length);
                assertEquals("fixed bytes", new String(content, 3, 11, StandardCharsets.US_ASCII));
            } finally {
                Fd.close(fd);
            }
        }
    }

    @Test
    void isReusableWithAnotherSliceAndOffset(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out");
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined()) {
            MemorySegment registered = arena.allocate(4096, 4096);
            ring.registerBuffers(registered);
            registered.asSlice(0, 4).copyFrom(MemorySegment.ofArray("abcd".getBytes(StandardCharsets.US_ASCII)));
            registered.asSlice(8, 4).copyFrom(MemorySegment.ofArray("wxyz".getBytes(StandardCharsets.US_ASCII)));
            int fd = Fd.open(file, O_CREAT | O_WRONLY | O_TRUNC, 0644);
            try {
                WriteFixed write = new WriteFixed(fd, registered.asSlice(0, 4), 0);
                assertEquals(4, Roundtrip.run(ring, write).result());
                assertEquals(4, Roundtrip.run(ring, write.buffer(registered.asSlice(8, 4)).offset(4)).result());
                assertEquals("abcdwxyz", Files.readString(file));
            } finally {
                Fd.close(fd);
            }
        }
    }
}
