package io.liouring.operation;

import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.liouring.OpenFlags.O_DIRECTORY;
import static io.liouring.OpenFlags.O_RDONLY;
import static io.liouring.operation.FsTesting.cString;
import static io.liouring.operation.FsTesting.names;
import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

class UnlinkAtTest extends OnDiskRingFixture {
    @Test
    void encodesDirFdPathAndUnlinkFlags() {
        SqeBytes sqe = SqeBytes.encode(new UnlinkAt(4, Path.of("gone")).flags(AtFlags.REMOVEDIR));
        assertEquals(Opcode.UNLINKAT.code(), sqe.opcode());
        assertEquals(4, sqe.fd());
        assertEquals("gone", cString(sqe.addr()));
        assertEquals(AtFlags.REMOVEDIR, sqe.opFlags());
        assertEquals(0, sqe.len());
        assertEquals(0, sqe.off());
        assertEquals(Fd.AT_FDCWD, SqeBytes.encode(new UnlinkAt(Path.of("f"))).fd());
    }

    @Test
    void removesAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Files.writeString(dir.resolve("keep"), "k");

        assertEquals(0, run(ring, new UnlinkAt(file)).result());

        assertEquals(List.of("keep"), names(dir));
    }

    @Test
    void removesRelativeToTheDirectoryFd() throws Exception {
        Files.writeString(dir.resolve("rel"), "x");
        int dirFd = Fd.open(dir, O_RDONLY | O_DIRECTORY, 0);
        try {
            assertEquals(0, run(ring, new UnlinkAt(dirFd, Path.of("rel"))).result());
        } finally {
            Fd.close(dirFd);
        }
        assertEquals(List.of(), names(dir));
    }

    @Test
    void removeDirFlagRemovesAnEmptyDirectory() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));

        assertEquals(0, run(ring, new UnlinkAt(sub).flags(AtFlags.REMOVEDIR)).result());

        assertEquals(List.of(), names(dir));
    }

    @Test
    void directoryWithoutRemoveDirCompletesWithEisdir() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));

        assertEquals(Errno.EISDIR, run(ring, new UnlinkAt(sub)).errno());
        assertEquals(List.of("sub"), names(dir));
    }

    @Test
    void nonEmptyDirectoryCompletesWithEnotempty() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Files.writeString(sub.resolve("inside"), "i");

        assertEquals(Errno.ENOTEMPTY, run(ring, new UnlinkAt(sub).flags(AtFlags.REMOVEDIR)).errno());
        assertEquals(List.of("inside"), names(sub));
    }

    @Test
    void missingPathCompletesWithEnoent() {
        assertEquals(Errno.ENOENT, run(ring, new UnlinkAt(dir.resolve("missing"))).errno());
    }

    @Test
    void flagsOtherThanRemoveDirAreInvalid() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");

        assertEquals(Errno.EINVAL, run(ring, new UnlinkAt(file).flags(AtFlags.SYMLINK_NOFOLLOW)).errno());
        assertEquals(List.of("file"), names(dir));
    }
}
