package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.struct.IoVecArray;
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

class ReadvFixedTest {
    @Test
    void encodesFdIovecArrayCountOffsetAndBufferIndex() {
        try (Arena arena = Arena.ofConfined()) {
            IoVecArray vectors = IoVecArray.of(arena, arena.allocate(8), arena.allocate(8), arena.allocate(8));
            SqeBytes sqe = SqeBytes.encode(new ReadvFixed(9, vectors, 2, 4096).rwFlags(RwFlags.HIPRI));
            assertEquals(Opcode.READV_FIXED.code(), sqe.opcode());
            assertEquals(60, sqe.opcode());
            assertEquals(9, sqe.fd());
            assertEquals(vectors.segment().address(), sqe.addr());
            assertEquals(3, sqe.len());
            assertEquals(4096, sqe.off());
            assertEquals(2, sqe.bufIndex());
            assertEquals(RwFlags.HIPRI, sqe.opFlags());
        }
    }

    @Test
    void withTheRingRefusesAVectorOutsideTheRegisteredBuffer() {
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined()) {
            MemorySegment registered = arena.allocate(4096, 4096);
            ring.registerBuffers(registered);
            IoVecArray vectors = IoVecArray.of(arena, registered.asSlice(0, 8), arena.allocate(8));
            var e = assertThrows(IllegalArgumentException.class, () -> new ReadvFixed(ring, 0, vectors, 0, 0));
            assertTrue(e.getMessage().startsWith("vectors[1]"), e.getMessage());
        }
    }

    @Test
    void scattersFileBytesIntoSlicesOfTheRegisteredBuffer(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data");
        Files.writeString(file, "headbody-tail");
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined()) {
            Roundtrip.assumeSupported(ring, Opcode.READV_FIXED);
            MemorySegment registered = arena.allocate(4096, 4096);
            ring.registerBuffers(registered);
            MemorySegment head = registered.asSlice(2000, 4);
            MemorySegment body = registered.asSlice(10, 4);
            IoVecArray vectors = IoVecArray.of(arena, head, body);
            int fd = Fd.openRead(file);
            try {
                Completion c = Roundtrip.run(ring, new ReadvFixed(ring, fd, vectors, 0, 0));
                assertEquals(8, c.result());
                assertEquals("head", ascii(head));
                assertEquals("body", ascii(body));
            } finally {
                Fd.close(fd);
            }
        }
    }

    private static String ascii(MemorySegment segment) {
        return new String(segment.toArray(JAVA_BYTE), StandardCharsets.US_ASCII);
    }
}
