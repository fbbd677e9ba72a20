package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.DirectFd;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static io.liouring.OpenFlags.O_CREAT;
import static io.liouring.OpenFlags.O_EXCL;
import static io.liouring.OpenFlags.O_WRONLY;
import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OpenAt, Close and Fsync: a descriptor's life through the ring. */
class OpenCloseSyncTest extends OnDiskRingFixture {
    private static boolean isOpen(int fd) {
        return Files.exists(Path.of("/proc/self/fd/" + fd), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void openAtCreatesTheFileWithItsModeAndReturnsAnOpenFd() throws Exception {
        Path file = dir.resolve("created");
        Completion c = run(ring, new OpenAt(file, O_CREAT | O_WRONLY, 0640));
        int fd = c.resultOrThrow();
        try {
            assertTrue(isOpen(fd));
            assertTrue(Files.exists(file));
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        } finally {
            Fd.close(fd);
        }
    }

    @Test
    void openAtOfAMissingFileFailsWithEnoentAndExclusiveCreateWithEexist() throws Exception {
        assertEquals(Errno.ENOENT, run(ring, new OpenAt(dir.resolve("missing"), 0, 0)).errno());
        Path existing = Files.createFile(dir.resolve("existing"));
        assertEquals(Errno.EEXIST, run(ring, new OpenAt(existing, O_CREAT | O_EXCL | O_WRONLY, 0644)).errno());
    }

    @Test
    void closeReleasesTheDescriptor() throws Exception {
        int fd = Fd.openRead(Files.createFile(dir.resolve("f")));
        assertTrue(isOpen(fd));
        assertEquals(0, run(ring, new Close(fd)).result());
        assertFalse(isOpen(fd));
        assertEquals(Errno.EBADF, run(ring, new Close(fd)).errno());
    }

    @Test
    void closeDirectEmptiesARegisteredSlot() throws Exception {
        Path file = Files.writeString(dir.resolve("direct"), "x");
        ring.registerFilesSparse(4);
        assertEquals(0, run(ring, new OpenAt(file, 0, 0).direct(new DirectFd(2))).result());
        assertEquals(0, run(ring, new Close(new DirectFd(2))).result());
        assertEquals(Errno.EBADF, run(ring, new Close(new DirectFd(2))).errno());
    }

    @Test
    void encodesCloseAndCloseDirect() {
        SqeBytes plain = SqeBytes.encode(new Close(9));
        assertEquals(Opcode.CLOSE.code(), plain.opcode());
        assertEquals(9, plain.fd());
        assertEquals(0, plain.fileIndex());
        SqeBytes direct = SqeBytes.encode(new Close(new DirectFd(3)));
        assertEquals(0, direct.fd());
        assertEquals(4, direct.fileIndex());
    }

    @Test
    void aReusedCloseClosesTheDescriptorItWasRetargetedTo() throws Exception {
        int first = Fd.openRead(Files.createFile(dir.resolve("first")));
        int second = Fd.openRead(Files.createFile(dir.resolve("second")));
        Close close = new Close(first);
        assertEquals(0, run(ring, close).result());

        assertEquals(0, run(ring, close.fd(second)).result());
        assertFalse(isOpen(second));
    }

    @Test
    void retargetingSwitchesBetweenADescriptorAndADirectSlot() {
        Close close = new Close(new DirectFd(3)).fd(7);
        assertEquals(7, SqeBytes.encode(close).fd());
        assertEquals(0, SqeBytes.encode(close).fileIndex());
        close.fd(new DirectFd(5));
        assertEquals(0, SqeBytes.encode(close).fd());
        assertEquals(6, SqeBytes.encode(close).fileIndex());
    }

    @Test
    void encodesFsyncWithDatasyncAndRange() {
        SqeBytes sqe = SqeBytes.encode(new Fsync(5).dataSync().range(4096, 512));
        assertEquals(Opcode.FSYNC.code(), sqe.opcode());
        assertEquals(5, sqe.fd());
        assertEquals(1, sqe.opFlags());
        assertEquals(4096, sqe.off());
        assertEquals(512, sqe.len());
    }

    @Test
    void fsyncSucceedsOnAWrittenFileAndFailsWithEbadfOnAClosedOne() throws Exception {
        Path file = Files.writeString(dir.resolve("synced"), "durable");
        int fd = Fd.open(file, O_WRONLY, 0);
        assertEquals(0, run(ring, new Fsync(fd)).result());
        assertEquals(0, run(ring, new Fsync(fd).dataSync()).result());
        Fd.close(fd);
        assertEquals(Errno.EBADF, run(ring, new Fsync(fd)).errno());
    }

    @Test
    void encodesNopAndItsInjectedResult() {
        SqeBytes plain = SqeBytes.encode(new Nop());
        assertEquals(Opcode.NOP.code(), plain.opcode());
        assertEquals(-1, plain.fd());
        assertEquals(0, plain.opFlags());
        SqeBytes injected = SqeBytes.encode(new Nop().injectResult(-5));
        assertEquals(1, injected.opFlags());
        assertEquals(-5, injected.len());
    }

    @Test
    void nopCompletesWithZeroOrTheInjectedResult() {
        assertEquals(0, run(ring, new Nop()).result());
        assertEquals(Errno.EIO, run(ring, new Nop().injectResult(-5)).errno());
        assertEquals(1234, run(ring, new Nop().injectResult(1234)).result());
    }
}
