package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.DirectFd;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.OpenFlags;
import io.liouring.SqeBytes;
import io.liouring.SqeFlags;
import io.liouring.testing.PipeNative;
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

class FixedFdInstallTest {
    @Test
    void encodesTheSlotAndSetsFixedFileItself() {
        SqeBytes sqe = SqeBytes.encode(new FixedFdInstall(new DirectFd(12)));
        assertEquals(Opcode.FIXED_FD_INSTALL.code(), sqe.opcode());
        assertEquals(54, sqe.opcode());
        assertEquals(12, sqe.fd());
        assertEquals(SqeFlags.FIXED_FILE.bits(), sqe.flags());
        assertEquals(0, sqe.opFlags());
    }

    @Test
    void noCloexecSetsTheInstallFlagAndCallerFlagsAreAdded() {
        SqeBytes sqe = SqeBytes.encode(new FixedFdInstall(new DirectFd(0)).noCloexec(), SqeFlags.IO_LINK, 5);
        assertEquals(1, sqe.opFlags(), "IORING_FIXED_FD_NO_CLOEXEC");
        assertEquals(SqeFlags.FIXED_FILE.and(SqeFlags.IO_LINK).bits(), sqe.flags());
        assertEquals(0, SqeBytes.encode(new FixedFdInstall(new DirectFd(0)).noCloexec().cloexec()).opFlags());
    }

    @Test
    void refusesANegativeSlot() {
        assertThrows(IllegalArgumentException.class, () -> new FixedFdInstall(new DirectFd(-1)));
    }

    @Test
    void installsADirectlyOpenedFileAsANormalFdThatPlainReadReads(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("direct"), "opened direct");
        try (LioUring ring = new LioUring(4); Arena arena = Arena.ofConfined()) {
            Roundtrip.assumeSupported(ring, Opcode.FIXED_FD_INSTALL);
            ring.registerFilesSparse(4);
            assertEquals(0, Roundtrip.run(ring, new OpenAt(file, OpenFlags.O_RDONLY, 0).direct(new DirectFd(2))).result());
            Completion installed = Roundtrip.run(ring, new FixedFdInstall(new DirectFd(2)));
            int fd = installed.resultOrThrow();
            try {
                MemorySegment buffer = arena.allocate(32);
                int n = Roundtrip.run(ring, new Read(fd, buffer)).resultOrThrow();
                assertEquals("opened direct", new String(buffer.asSlice(0, n).toArray(JAVA_BYTE), StandardCharsets.US_ASCII));
                assertTrue((PipeNative.openFlags(fd) & OpenFlags.O_CLOEXEC) != 0, "close-on-exec by default");
            } finally {
                Fd.close(fd);
            }
        }
    }

    @Test
    void noCloexecInstallsAnFdWithoutCloseOnExec(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("direct"), "x");
        try (LioUring ring = new LioUring(4)) {
            Roundtrip.assumeSupported(ring, Opcode.FIXED_FD_INSTALL);
            ring.registerFilesSparse(1);
            assertEquals(0, Roundtrip.run(ring, new OpenAt(file, OpenFlags.O_RDONLY, 0).direct(new DirectFd(0))).result());
            int fd = Roundtrip.run(ring, new FixedFdInstall(new DirectFd(0)).noCloexec()).resultOrThrow();
            try {
                assertEquals(0, PipeNative.openFlags(fd) & OpenFlags.O_CLOEXEC);
            } finally {
                Fd.close(fd);
            }
        }
    }

    @Test
    void anEmptySlotFailsWithEbadf() {
        try (LioUring ring = new LioUring(4)) {
            Roundtrip.assumeSupported(ring, Opcode.FIXED_FD_INSTALL);
            ring.registerFilesSparse(2);
            assertEquals(Errno.EBADF, Roundtrip.run(ring, new FixedFdInstall(new DirectFd(1))).errno());
        }
    }
}
