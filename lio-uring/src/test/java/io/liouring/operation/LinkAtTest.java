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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinkAtTest extends OnDiskRingFixture {
    @Test
    void encodesBothDirFdsBothPathsAndLinkFlags() {
        SqeBytes sqe = SqeBytes.encode(new LinkAt(3, Path.of("existing"), 8, Path.of("link")).flags(AtFlags.SYMLINK_FOLLOW));
        assertEquals(Opcode.LINKAT.code(), sqe.opcode());
        assertEquals(3, sqe.fd());
        assertEquals("existing", cString(sqe.addr()));
        assertEquals(8, sqe.len());
        assertEquals("link", cString(sqe.off()));
        assertEquals(AtFlags.SYMLINK_FOLLOW, sqe.opFlags());
        SqeBytes cwd = SqeBytes.encode(new LinkAt(Path.of("a"), Path.of("b")));
        assertEquals(Fd.AT_FDCWD, cwd.fd());
        assertEquals(Fd.AT_FDCWD, cwd.len());
    }

    @Test
    void createsASecondNameForTheSameFile() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "shared");
        Path link = dir.resolve("link");

        assertEquals(0, run(ring, new LinkAt(file, link)).result());

        assertTrue(Files.isSameFile(file, link));
        assertEquals(2, Files.getAttribute(file, "unix:nlink"));
        assertEquals(List.of("file", "link"), names(dir));
    }

    @Test
    void linksAcrossDirectoriesGivenAsFds() throws Exception {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        Path file = Files.writeString(a.resolve("f"), "x");
        int aFd = Fd.open(a, O_RDONLY | O_DIRECTORY, 0);
        int bFd = Fd.open(b, O_RDONLY | O_DIRECTORY, 0);
        try {
            assertEquals(0, run(ring, new LinkAt(aFd, Path.of("f"), bFd, Path.of("g"))).result());
        } finally {
            Fd.close(aFd);
            Fd.close(bFd);
        }
        assertTrue(Files.isSameFile(file, b.resolve("g")));
    }

    @Test
    void symbolicLinkIsLinkedAsItselfUnlessFollowed() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), "t");
        Path symlink = Files.createSymbolicLink(dir.resolve("symlink"), target);

        assertEquals(0, run(ring, new LinkAt(symlink, dir.resolve("as-is"))).result());
        assertEquals(0, run(ring, new LinkAt(symlink, dir.resolve("followed")).flags(AtFlags.SYMLINK_FOLLOW)).result());

        assertTrue(Files.isSymbolicLink(dir.resolve("as-is")));
        assertFalse(Files.isSymbolicLink(dir.resolve("followed")));
        assertTrue(Files.isSameFile(target, dir.resolve("followed")));
    }

    @Test
    void takenNameCompletesWithEexist() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "f");
        Path taken = Files.writeString(dir.resolve("taken"), "t");

        assertEquals(Errno.EEXIST, run(ring, new LinkAt(file, taken)).errno());
        assertFalse(Files.isSameFile(file, taken));
    }

    @Test
    void missingExistingFileCompletesWithEnoent() throws Exception {
        assertEquals(Errno.ENOENT, run(ring, new LinkAt(dir.resolve("none"), dir.resolve("link"))).errno());
        assertEquals(List.of(), names(dir));
    }
}
