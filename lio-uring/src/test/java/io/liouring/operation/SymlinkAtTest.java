package io.liouring.operation;

import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import static io.liouring.OpenFlags.O_DIRECTORY;
import static io.liouring.OpenFlags.O_RDONLY;
import static io.liouring.operation.FsTesting.cString;
import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SymlinkAtTest extends OnDiskRingFixture {
    @Test
    void encodesLinkDirFdTargetInAddrAndLinkPathInAddr2() {
        SqeBytes sqe = SqeBytes.encode(new SymlinkAt(Path.of("../target"), 6, Path.of("link")));
        assertEquals(Opcode.SYMLINKAT.code(), sqe.opcode());
        assertEquals(6, sqe.fd());
        assertEquals("../target", cString(sqe.addr()));
        assertEquals("link", cString(sqe.off()));
        assertEquals(0, sqe.len());
        assertEquals(0, sqe.opFlags());
        assertEquals(Fd.AT_FDCWD, SqeBytes.encode(new SymlinkAt(Path.of("t"), Path.of("l"))).fd());
    }

    @Test
    void createsALinkThatReadsBackAsTheTarget() throws Exception {
        Files.writeString(dir.resolve("target"), "through the link");
        Path link = dir.resolve("link");

        assertEquals(0, run(ring, new SymlinkAt(Path.of("target"), link)).result());

        assertEquals(Path.of("target"), Files.readSymbolicLink(link));
        assertEquals("through the link", Files.readString(link));
    }

    @Test
    void createsTheLinkRelativeToTheDirectoryFd() throws Exception {
        Path absoluteTarget = Files.writeString(dir.resolve("absolute"), "a");
        int dirFd = Fd.open(dir, O_RDONLY | O_DIRECTORY, 0);
        try {
            assertEquals(0, run(ring, new SymlinkAt(absoluteTarget, dirFd, Path.of("rel"))).result());
        } finally {
            Fd.close(dirFd);
        }
        assertEquals(absoluteTarget, Files.readSymbolicLink(dir.resolve("rel")));
    }

    @Test
    void targetNeedNotExist() throws Exception {
        Path link = dir.resolve("dangling");

        assertEquals(0, run(ring, new SymlinkAt(Path.of("nowhere"), link)).result());

        assertTrue(Files.isSymbolicLink(link));
        assertFalse(Files.exists(link));
    }

    @Test
    void takenNameCompletesWithEexist() throws Exception {
        Path taken = Files.writeString(dir.resolve("taken"), "file");

        assertEquals(Errno.EEXIST, run(ring, new SymlinkAt(Path.of("x"), taken)).errno());
        assertFalse(Files.isSymbolicLink(taken));
        assertTrue(Files.isRegularFile(taken, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void missingLinkDirectoryCompletesWithEnoent() {
        assertEquals(Errno.ENOENT, run(ring, new SymlinkAt(Path.of("x"), dir.resolve("no/dir/link"))).errno());
    }
}
