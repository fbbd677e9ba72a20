package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Errno;
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

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadFixedTest {
    @Test
    void encodesFdBufferLengthOffsetAndBufferIndex() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(64);
            SqeBytes sqe = SqeBytes.encode(new ReadFixed(7, buffer, 3, 1L << 33).length(40));
            assertEquals(Opcode.READ_FIXED.code(), sqe.opcode());
            assertEquals(4, sqe.opcode());
            assertEquals(7, sqe.fd());
            assertEquals(buffer.address(), sqe.addr());
            assertEquals(40, sqe.len());
            assertEquals(1L << 33, sqe.off());
            assertEquals(3, sqe.bufIndex());
            assertEquals(0, sqe.opFlags());
            assertEquals(0, sqe.flags());
        }
    }

    @Test
    void refusesABufferIndexBeyondSixteenBits() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(8);
            var e = assertThrows(IllegalArgumentException.class, () -> new ReadFixed(0, buffer, 65536));
            assertTrue(e.getMessage().contains("bufferIndex"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new ReadFixed(0, buffer, -1));
        }
    }

    @Test
    void refusesAHeapBuffer() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ReadFixed(0, MemorySegment.ofArray(new byte[8]), 0));
        assertTrue(e.getMessage().contains("buffer"), e.getMessage());
    }

    @Test
    void withTheRingRefusesABufferOutsideTheRegisteredOne() {
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined()) {
            MemorySegment registered = arena.allocate(4096, 4096);
            ring.registerBuffers(registered);
            MemorySegment elsewhere = arena.allocate(16);
            var e = assertThrows(IllegalArgumentException.class, () -> new ReadFixed(ring, 0, elsewhere, 0, 0));
            assertTrue(e.getMessage().contains("not inside registered buffer 0"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new ReadFixed(ring, 0, registered, 1, 0),
                    "index 1 is not registered");
        }
    }

    @Test
    void readsFileBytesIntoASliceOfTheRegisteredBuffer(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data");
        Files.writeString(file, "0123456789abcdef");
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined()) {
            MemorySegment registered = arena.allocate(4096, 4096);
            ring.registerBuffers(registered);
            int fd = Fd.openRead(file);
            try {
                MemorySegment slice = registered.asSlice(100, 6);
                Completion c = Roundtrip.run(ring, new ReadFixed(ring, fd, slice, 0, 10));
                assertEquals(6, c.result());
                assertEquals("abcdef", new String(slice.toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
                assertEquals(0, registered.get(JAVA_BYTE, 99), "nothing lands before the slice");
                assertEquals(0, registered.get(JAVA_BYTE, 106), "nothing lands after the slice");
            } finally {
                Fd.close(fd);
            }
        }
    }

    @Test
    void theKernelRefusesABufferOutsideTheRegisteredOneWithEfault(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data");
        Files.writeString(file, "0123456789");
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined()) {
            ring.registerBuffers(arena.allocate(4096, 4096));
            MemorySegment elsewhere = arena.allocate(8);
            int fd = Fd.openRead(file);
            try {
                Completion c = Roundtrip.run(ring, new ReadFixed(fd, elsewhere, 0));
                assertEquals(Errno.EFAULT, c.errno());
                assertEquals(0, elsewhere.get(JAVA_BYTE, 0), "the kernel wrote nothing");
            } finally {
                Fd.close(fd);
            }
        }
    }
}
