package io.liouring.operation;

import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import org.junit.jupiter.api.Test;

import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.liouring.OpenFlags.O_RDWR;
import static io.liouring.testing.Roundtrip.run;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Read and Write: pread/pwrite through the ring, at 64-bit offsets, reusable. */
class ReadWriteTest extends OnDiskRingFixture {
    @Test
    void encodesReadAsPreadWithBufferLengthOffsetAndFlags() {
        MemorySegment buffer = arena.allocate(100);
        SqeBytes sqe = SqeBytes.encode(new Read(7, buffer, 1L << 33).length(60).rwFlags(RwFlags.NOWAIT));
        assertEquals(Opcode.READ.code(), sqe.opcode());
        assertEquals(7, sqe.fd());
        assertEquals(buffer.address(), sqe.addr());
        assertEquals(60, sqe.len());
        assertEquals(1L << 33, sqe.off());
        assertEquals(RwFlags.NOWAIT, sqe.opFlags());
        assertEquals(0, sqe.flags());
    }

    @Test
    void encodesWriteWithTheCurrentPositionAsMinusOne() {
        MemorySegment buffer = arena.allocate(10);
        SqeBytes sqe = SqeBytes.encode(new Write(3, buffer, -1));
        assertEquals(Opcode.WRITE.code(), sqe.opcode());
        assertEquals(-1L, sqe.off());
        assertEquals(10, sqe.len());
    }

    @Test
    void writtenBytesAreInTheFileAndReadBytesAreTheFiles() throws Exception {
        Path file = dir.resolve("data");
        Files.write(file, new byte[32]);
        int fd = Fd.open(file, O_RDWR, 0);
        try {
            MemorySegment hello = arena.allocateFrom("hello", StandardCharsets.US_ASCII).asSlice(0, 5);
            assertEquals(5, run(ring, new Write(fd, hello, 10)).result());
            assertEquals("hello", new String(Files.readAllBytes(file), 10, 5, StandardCharsets.US_ASCII));

            MemorySegment back = arena.allocate(5);
            assertEquals(5, run(ring, new Read(fd, back, 10)).result());
            assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), back.toArray(JAVA_BYTE));
        } finally {
            Fd.close(fd);
        }
    }

    @Test
    void offsetsAbove4GiBReachTheirPlaceInASparseFile() throws Exception {
        Path file = dir.resolve("sparse");
        long offset = 5L << 30; // 5 GiB: does not fit in 32 bits
        int fd = Fd.open(file, O_RDWR | io.liouring.OpenFlags.O_CREAT, 0644);
        try {
            MemorySegment data = arena.allocateFrom("far", StandardCharsets.US_ASCII).asSlice(0, 3);
            assertEquals(3, run(ring, new Write(fd, data, offset)).result());
            assertEquals(offset + 3, Files.size(file));
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                raf.seek(offset);
                byte[] read = new byte[3];
                raf.readFully(read);
                assertEquals("far", new String(read, StandardCharsets.US_ASCII));
            }
            MemorySegment back = arena.allocate(3);
            assertEquals(3, run(ring, new Read(fd, back, offset)).result());
            assertEquals("far", new String(back.toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
        } finally {
            Fd.close(fd);
        }
    }

    @Test
    void aReusedReadFollowsItsNewOffsetAndLength() throws Exception {
        Path file = Files.writeString(dir.resolve("abc"), "abcdef");
        int fd = Fd.openRead(file);
        try {
            MemorySegment buffer = arena.allocate(6);
            Read read = new Read(fd, buffer);
            assertEquals(6, run(ring, read).result());
            assertEquals(2, run(ring, read.offset(4).length(2)).result());
            assertEquals("ef", new String(buffer.asSlice(0, 2).toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
        } finally {
            Fd.close(fd);
        }
    }

    @Test
    void readAtEndOfFileCompletesWithZeroAndOnAClosedFdWithEbadf() throws Exception {
        Path file = Files.writeString(dir.resolve("short"), "x");
        int fd = Fd.openRead(file);
        MemorySegment buffer = arena.allocate(4);
        assertEquals(0, run(ring, new Read(fd, buffer, 1)).result());
        Fd.close(fd);
        assertEquals(Errno.EBADF, run(ring, new Read(fd, buffer)).errno());
    }
}
