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

import static io.liouring.OpenFlags.O_CREAT;
import static io.liouring.OpenFlags.O_TRUNC;
import static io.liouring.OpenFlags.O_WRONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WritevFixedTest {
    @Test
    void encodesFdIovecArrayCountOffsetAndBufferIndex() {
        try (Arena arena = Arena.ofConfined()) {
            IoVecArray vectors = IoVecArray.of(arena, arena.allocate(4));
            SqeBytes sqe = SqeBytes.encode(new WritevFixed(4, vectors, 1));
            assertEquals(Opcode.WRITEV_FIXED.code(), sqe.opcode());
            assertEquals(61, sqe.opcode());
            assertEquals(4, sqe.fd());
            assertEquals(vectors.segment().address(), sqe.addr());
            assertEquals(1, sqe.len());
            assertEquals(0, sqe.off());
            assertEquals(1, sqe.bufIndex());
        }
    }

    @Test
    void refusesAnIndexThatIsNotRegistered() {
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined()) {
            MemorySegment registered = arena.allocate(4096, 4096);
            ring.registerBuffers(registered);
            IoVecArray vectors = IoVecArray.of(arena, registered.asSlice(0, 8));
            assertThrows(IllegalArgumentException.class, () -> new WritevFixed(ring, 0, vectors, 1, 0));
        }
    }

    @Test
    void gathersSlicesOfTheRegisteredBufferIntoTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out");
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined()) {
            Roundtrip.assumeSupported(ring, Opcode.WRITEV_FIXED);
            MemorySegment registered = arena.allocate(4096, 4096);
            ring.registerBuffers(registered);
            MemorySegment hello = registered.asSlice(3000, 7);
            MemorySegment vectors = registered.asSlice(100, 7);
            hello.copyFrom(MemorySegment.ofArray("Hello, ".getBytes(StandardCharsets.US_ASCII)));
            vectors.copyFrom(MemorySegment.ofArray("vectors".getBytes(StandardCharsets.US_ASCII)));
            int fd = Fd.open(file, O_CREAT | O_WRONLY | O_TRUNC, 0644);
            try {
                Completion c = Roundtrip.run(ring, new WritevFixed(ring, fd, IoVecArray.of(arena, hello, vectors), 0, 0));
                assertEquals(14, c.result());
                assertEquals("Hello, vectors", Files.readString(file));
            } finally {
                Fd.close(fd);
            }
        }
    }
}
