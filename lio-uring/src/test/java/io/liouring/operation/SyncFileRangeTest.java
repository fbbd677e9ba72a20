package io.liouring.operation;

import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.liouring.OpenFlags.O_CREAT;
import static io.liouring.OpenFlags.O_RDWR;
import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SyncFileRangeTest extends OnDiskRingFixture {
    private static final int WRITE_AND_WAIT = SyncRangeFlags.WAIT_BEFORE | SyncRangeFlags.WRITE | SyncRangeFlags.WAIT_AFTER;

    Path file;
    int fd;

    @BeforeEach
    void setUp() {
        file = dir.resolve("f");
        fd = Fd.open(file, O_RDWR | O_CREAT, 0644);
    }

    @AfterEach
    void tearDown() {
        Fd.close(fd);
    }

    @Test
    void encodesFdOffsetLengthAndFlagsDefaultingToWriteAndWait() {
        SqeBytes sqe = SqeBytes.encode(new SyncFileRange(6, 1L << 36, 4096));
        assertEquals(Opcode.SYNC_FILE_RANGE.code(), sqe.opcode());
        assertEquals(6, sqe.fd());
        assertEquals(1L << 36, sqe.off());
        assertEquals(4096, sqe.len());
        assertEquals(0, sqe.addr());
        assertEquals(WRITE_AND_WAIT, sqe.opFlags());
        assertEquals(SyncRangeFlags.WRITE, SqeBytes.encode(new SyncFileRange(6, 0, 0).flags(SyncRangeFlags.WRITE)).opFlags());
    }

    @Test
    void refusesLengthsOutsideTheKernels32Bits() {
        assertThrows(IllegalArgumentException.class, () -> new SyncFileRange(fd, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new SyncFileRange(fd, 0, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new SyncFileRange(fd, -1, 0));
    }

    @Test
    void writesOutTheRangeJustWritten() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(8192, run(ring, new Write(fd, arena.allocate(8192).fill((byte) 7))).result());
        }

        assertEquals(0, run(ring, new SyncFileRange(fd, 0, 8192)).result());
        assertEquals(0, run(ring, new SyncFileRange(fd, 0, 0).flags(SyncRangeFlags.WRITE)).result());

        assertEquals(8192, Files.size(file));
    }

    @Test
    void unknownFlagsCompleteWithEinval() {
        assertEquals(Errno.EINVAL, run(ring, new SyncFileRange(fd, 0, 0).flags(0x8)).errno());
    }

    @Test
    void closedFdCompletesWithEbadf() {
        int closed = Fd.openRead(file);
        Fd.close(closed);

        assertEquals(Errno.EBADF, run(ring, new SyncFileRange(closed, 0, 0)).errno());
    }
}
