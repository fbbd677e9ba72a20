package io.liouring.operation;

import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static io.liouring.OpenFlags.O_DIRECTORY;
import static io.liouring.OpenFlags.O_RDONLY;
import static io.liouring.operation.FsTesting.cString;
import static io.liouring.operation.FsTesting.names;
import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MkDirAtTest extends OnDiskRingFixture {
    @Test
    void encodesDirFdPathAndModeInLen() {
        SqeBytes sqe = SqeBytes.encode(new MkDirAt(3, Path.of("new-dir"), 0750));
        assertEquals(Opcode.MKDIRAT.code(), sqe.opcode());
        assertEquals(3, sqe.fd());
        assertEquals("new-dir", cString(sqe.addr()));
        assertEquals(0750, sqe.len());
        assertEquals(0, sqe.off());
        assertEquals(0, sqe.opFlags());
        assertEquals(Fd.AT_FDCWD, SqeBytes.encode(new MkDirAt(Path.of("d"), 0700)).fd());
    }

    @Test
    void refusesModeBeyondPermissionBits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MkDirAt(Path.of("d"), 010000));
        assertTrue(e.getMessage().startsWith("mode"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MkDirAt(Path.of("d"), -1));
        assertEquals("path", assertThrows(NullPointerException.class, () -> new MkDirAt(null, 0700)).getMessage());
    }

    @Test
    void createsADirectoryWithTheMode() throws Exception {
        Path created = dir.resolve("made");

        assertEquals(0, run(ring, new MkDirAt(created, 0750)).result());

        assertTrue(Files.isDirectory(created));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(created)));
    }

    @Test
    void createsRelativeToTheDirectoryFd() throws Exception {
        int dirFd = Fd.open(dir, O_RDONLY | O_DIRECTORY, 0);
        try {
            assertEquals(0, run(ring, new MkDirAt(dirFd, Path.of("child"), 0755)).result());
        } finally {
            Fd.close(dirFd);
        }
        assertEquals(List.of("child"), names(dir));
    }

    @Test
    void existingPathCompletesWithEexist() throws Exception {
        Path existing = Files.createDirectory(dir.resolve("there"));

        assertEquals(Errno.EEXIST, run(ring, new MkDirAt(existing, 0755)).errno());
    }

    @Test
    void missingParentCompletesWithEnoent() throws Exception {
        assertEquals(Errno.ENOENT, run(ring, new MkDirAt(dir.resolve("no/such/parent"), 0755)).errno());
        assertEquals(List.of(), names(dir));
    }
}
