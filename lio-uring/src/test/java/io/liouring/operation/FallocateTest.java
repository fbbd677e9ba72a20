package io.liouring.operation;

import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.struct.StatxResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static io.liouring.OpenFlags.O_CREAT;
import static io.liouring.OpenFlags.O_RDWR;
import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class FallocateTest extends OnDiskRingFixture {
    private static final int MIB = 1 << 20;
    private static final long SECTOR = 512;

    Path file;
    int fd;

    @BeforeEach
    void setUp() {
        file = dir.resolve("space");
        fd = Fd.open(file, O_RDWR | O_CREAT, 0644);
    }

    @AfterEach
    void tearDown() {
        Fd.close(fd);
    }

    @Test
    void encodesModeInLenOffsetInOffAndLengthInAddr() {
        SqeBytes sqe = SqeBytes.encode(new Fallocate(3, 1L << 33, 1L << 34)
                .mode(FallocateMode.PUNCH_HOLE | FallocateMode.KEEP_SIZE));
        assertEquals(Opcode.FALLOCATE.code(), sqe.opcode());
        assertEquals(3, sqe.fd());
        assertEquals(1L << 33, sqe.off());
        assertEquals(1L << 34, sqe.addr());
        assertEquals(0x3, sqe.len());
        assertEquals(0, sqe.opFlags());
    }

    @Test
    void refusesNegativeOffsetOrLength() {
        assertThrows(IllegalArgumentException.class, () -> new Fallocate(1, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> new Fallocate(1, 0, -10));
    }

    @Test
    void defaultModeAllocatesBlocksAndExtendsTheFile() throws Exception {
        assertEquals(0, run(ring, new Fallocate(fd, 0, MIB)).result());

        assertEquals(MIB, Files.size(file));
        assertTrue(blocks() * SECTOR >= MIB, "allocated " + blocks() + " sectors");
    }

    @Test
    void keepSizeAllocatesBlocksWithoutGrowingTheFile() throws Exception {
        long before = blocks();

        assertEquals(0, run(ring, new Fallocate(fd, 0, MIB).mode(FallocateMode.KEEP_SIZE)).result());

        assertEquals(0, Files.size(file));
        assertTrue((blocks() - before) * SECTOR >= MIB, "allocated " + blocks() + " sectors");
    }

    @Test
    void punchHoleFreesBlocksAndTheRangeReadsAsZeros() throws Exception {
        byte[] data = new byte[MIB];
        Arrays.fill(data, (byte) 0x5A);
        Files.write(file, data);
        assertEquals(0, run(ring, new Fsync(fd)).result());
        long before = blocks();

        var punch = new Fallocate(fd, 64 * 1024, MIB - 128 * 1024).mode(FallocateMode.PUNCH_HOLE | FallocateMode.KEEP_SIZE);
        int result = run(ring, punch).result();
        assumeFalse(result == -Errno.EOPNOTSUPP.number(), "the file system under target/ cannot punch holes");
        assertEquals(0, result);

        assertEquals(MIB, Files.size(file));
        assertTrue(blocks() < before, "blocks " + before + " -> " + blocks());
        byte[] after = Files.readAllBytes(file);
        assertArrayEquals(new byte[MIB - 128 * 1024], Arrays.copyOfRange(after, 64 * 1024, MIB - 64 * 1024));
        assertEquals(0x5A, after[0]);
        assertEquals(0x5A, after[MIB - 1]);
    }

    @Test
    void punchHoleWithoutKeepSizeIsRefusedWithEopnotsupp() {
        assertEquals(Errno.EOPNOTSUPP, run(ring, new Fallocate(fd, 0, 4096).mode(FallocateMode.PUNCH_HOLE)).errno());
    }

    @Test
    void zeroLengthIsInvalid() {
        assertEquals(Errno.EINVAL, run(ring, new Fallocate(fd, 0, 0)).errno());
    }

    @Test
    void readOnlyFdCompletesWithEbadf() {
        int readOnly = Fd.openRead(file);
        try {
            assertEquals(Errno.EBADF, run(ring, new Fallocate(readOnly, 0, 4096)).errno());
        } finally {
            Fd.close(readOnly);
        }
    }

    /** Allocated 512-byte sectors, through a Statx request on the open fd. */
    private long blocks() {
        StatxResult st = StatxResult.allocate();
        assertEquals(0, run(ring, Statx.ofFd(fd, st).mask(StatxMask.BLOCKS)).result());
        return st.blocks();
    }
}
