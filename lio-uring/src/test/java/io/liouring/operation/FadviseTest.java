package io.liouring.operation;

import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;

import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FadviseTest extends OnDiskRingFixture {
    int fd;

    @BeforeEach
    void setUp() throws Exception {
        fd = Fd.openRead(Files.write(dir.resolve("f"), new byte[64 * 1024]));
    }

    @AfterEach
    void tearDown() {
        Fd.close(fd);
    }

    @Test
    void encodesFdOffsetLengthInLenAndAdvice() {
        SqeBytes sqe = SqeBytes.encode(new Fadvise(4, 1L << 35, 8192, FileAdvice.WILLNEED));
        assertEquals(Opcode.FADVISE.code(), sqe.opcode());
        assertEquals(4, sqe.fd());
        assertEquals(1L << 35, sqe.off());
        assertEquals(8192, sqe.len());
        assertEquals(0, sqe.addr());
        assertEquals(FileAdvice.WILLNEED, sqe.opFlags());
    }

    @Test
    void encodesALengthOver32BitsInAddr() {
        SqeBytes sqe = SqeBytes.encode(new Fadvise(4, 0, 1L << 33, FileAdvice.DONTNEED));
        assertEquals(1L << 33, sqe.addr());
        assertEquals(0, sqe.len());
        SqeBytes largest32 = SqeBytes.encode(new Fadvise(4, 0, 0xFFFF_FFFFL, FileAdvice.DONTNEED));
        assertEquals(-1, largest32.len());
        assertEquals(0, largest32.addr());
    }

    @Test
    void refusesNegativeOffsetOrLength() {
        assertThrows(IllegalArgumentException.class, () -> new Fadvise(fd, -1, 0, FileAdvice.NORMAL));
        assertThrows(IllegalArgumentException.class, () -> new Fadvise(fd, 0, -1, FileAdvice.NORMAL));
    }

    @ParameterizedTest
    @ValueSource(ints = {FileAdvice.NORMAL, FileAdvice.RANDOM, FileAdvice.SEQUENTIAL, FileAdvice.WILLNEED,
            FileAdvice.DONTNEED, FileAdvice.NOREUSE})
    void everyAdviceSucceedsOnARegularFile(int advice) {
        assertEquals(0, run(ring, new Fadvise(fd, 0, 0, advice)).result());
    }

    @Test
    void aLengthOver32BitsIsAccepted() {
        assumeTrue(FsTesting.kernelAtLeast(6, 11), "64-bit fadvise lengths need Linux 6.11; this is " + System.getProperty("os.version"));
        assertEquals(0, run(ring, new Fadvise(fd, 0, 1L << 33, FileAdvice.DONTNEED)).result());
    }

    @Test
    void unknownAdviceCompletesWithEinval() {
        assertEquals(Errno.EINVAL, run(ring, new Fadvise(fd, 0, 0, 99)).errno());
    }

    @Test
    void closedFdCompletesWithEbadf() throws Exception {
        int closed = Fd.openRead(dir.resolve("f"));
        Fd.close(closed);

        assertEquals(Errno.EBADF, run(ring, new Fadvise(closed, 0, 0, FileAdvice.NORMAL)).errno());
    }
}
