package io.liouring.operation;

import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.struct.IoVecArray;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.liouring.OpenFlags.O_CREAT;
import static io.liouring.OpenFlags.O_RDWR;
import static io.liouring.testing.Roundtrip.run;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Readv and Writev: scatter/gather through an iovec array. */
class VectoredReadWriteTest extends OnDiskRingFixture {
    private MemorySegment ascii(String s) {
        return arena.allocateFrom(s, StandardCharsets.US_ASCII).asSlice(0, s.length());
    }

    @Test
    void iovecArrayHoldsEachBuffersAddressAndLength() {
        MemorySegment a = arena.allocate(3);
        MemorySegment b = arena.allocate(5);
        IoVecArray vectors = IoVecArray.of(arena, a, b);
        assertEquals(a.address(), vectors.segment().get(JAVA_LONG, 0));
        assertEquals(3, vectors.segment().get(JAVA_LONG, 8));
        assertEquals(b.address(), vectors.segment().get(JAVA_LONG, 16));
        assertEquals(5, vectors.segment().get(JAVA_LONG, 24));
        assertEquals(8, vectors.totalBytes());
    }

    @Test
    void encodesTheArrayAddressAndVectorCount() {
        IoVecArray vectors = IoVecArray.of(arena, arena.allocate(3), arena.allocate(5));
        SqeBytes readv = SqeBytes.encode(new Readv(4, vectors, 12).rwFlags(RwFlags.HIPRI));
        assertEquals(Opcode.READV.code(), readv.opcode());
        assertEquals(4, readv.fd());
        assertEquals(vectors.segment().address(), readv.addr());
        assertEquals(2, readv.len());
        assertEquals(12, readv.off());
        assertEquals(RwFlags.HIPRI, readv.opFlags());
        assertEquals(Opcode.WRITEV.code(), SqeBytes.encode(new Writev(4, vectors)).opcode());
    }

    @Test
    void writevGathersBuffersIntoTheFileInOrder() throws Exception {
        Path file = dir.resolve("gathered");
        int fd = Fd.open(file, O_CREAT | O_RDWR, 0644);
        try {
            IoVecArray vectors = IoVecArray.of(arena, ascii("io_"), ascii("uring"));
            assertEquals(8, run(ring, new Writev(fd, vectors)).result());
        } finally {
            Fd.close(fd);
        }
        assertEquals("io_uring", Files.readString(file));
    }

    @Test
    void readvScattersTheFileOverBuffersInOrder() throws Exception {
        Path file = Files.writeString(dir.resolve("scatter"), "0123456789");
        int fd = Fd.openRead(file);
        try {
            MemorySegment first = arena.allocate(4);
            MemorySegment second = arena.allocate(6);
            assertEquals(8, run(ring, new Readv(fd, IoVecArray.of(arena, first, second), 2)).result());
            assertEquals("2345", new String(first.toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
            assertEquals("6789", new String(second.asSlice(0, 4).toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
        } finally {
            Fd.close(fd);
        }
    }

    @Test
    void iovecArraysRefuseHeapBuffersAndEmptyOrOversizedLists() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> IoVecArray.of(arena, arena.allocate(1), MemorySegment.ofArray(new byte[1])));
        assertEquals("buffers[1] is a heap segment; the kernel needs native memory (allocate it from an Arena)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IoVecArray.of(arena));
        assertThrows(IllegalArgumentException.class, () -> IoVecArray.of(arena, new MemorySegment[IoVecArray.IOV_MAX + 1]));
    }
}
