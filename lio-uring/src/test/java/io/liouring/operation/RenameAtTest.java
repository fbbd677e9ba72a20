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
import static org.junit.jupiter.api.Assertions.assertThrows;

class RenameAtTest extends OnDiskRingFixture {
    @Test
    void encodesBothDirFdsBothPathsAndRenameFlags() {
        SqeBytes sqe = SqeBytes.encode(new RenameAt(3, Path.of("old"), 4, Path.of("new")).flags(RenameFlags.NOREPLACE));
        assertEquals(Opcode.RENAMEAT.code(), sqe.opcode());
        assertEquals(3, sqe.fd());
        assertEquals("old", cString(sqe.addr()));
        assertEquals(4, sqe.len());
        assertEquals("new", cString(sqe.off()));
        assertEquals(RenameFlags.NOREPLACE, sqe.opFlags());
    }

    @Test
    void defaultsToTheCurrentDirectoryForBoth() {
        SqeBytes sqe = SqeBytes.encode(new RenameAt(Path.of("a"), Path.of("b")));
        assertEquals(Fd.AT_FDCWD, sqe.fd());
        assertEquals(Fd.AT_FDCWD, sqe.len());
        assertEquals(0, sqe.opFlags());
    }

    @Test
    void namesTheMissingArgument() {
        assertEquals("to", assertThrows(NullPointerException.class, () -> new RenameAt(Path.of("a"), null)).getMessage());
    }

    @Test
    void renamesAFileKeepingItsContents() throws Exception {
        Path from = Files.writeString(dir.resolve("before"), "contents");

        assertEquals(0, run(ring, new RenameAt(from, dir.resolve("after"))).result());

        assertEquals(List.of("after"), names(dir));
        assertEquals("contents", Files.readString(dir.resolve("after")));
    }

    @Test
    void movesBetweenDirectoriesGivenAsFds() throws Exception {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        Files.writeString(a.resolve("f"), "moved");
        int aFd = Fd.open(a, O_RDONLY | O_DIRECTORY, 0);
        int bFd = Fd.open(b, O_RDONLY | O_DIRECTORY, 0);
        try {
            assertEquals(0, run(ring, new RenameAt(aFd, Path.of("f"), bFd, Path.of("g"))).result());
        } finally {
            Fd.close(aFd);
            Fd.close(bFd);
        }
        assertEquals(List.of(), names(a));
        assertEquals(List.of("g"), names(b));
        assertEquals("moved", Files.readString(b.resolve("g")));
    }

    @Test
    void replacesAnExistingTargetByDefault() throws Exception {
        Path from = Files.writeString(dir.resolve("from"), "new");
        Path to = Files.writeString(dir.resolve("to"), "old");

        assertEquals(0, run(ring, new RenameAt(from, to)).result());

        assertEquals(List.of("to"), names(dir));
        assertEquals("new", Files.readString(to));
    }

    @Test
    void noReplaceRefusesAnExistingTargetWithEexist() throws Exception {
        Path from = Files.writeString(dir.resolve("from"), "new");
        Path to = Files.writeString(dir.resolve("to"), "old");

        assertEquals(Errno.EEXIST, run(ring, new RenameAt(from, to).flags(RenameFlags.NOREPLACE)).errno());

        assertEquals(List.of("from", "to"), names(dir));
        assertEquals("old", Files.readString(to));
    }

    @Test
    void exchangeSwapsTwoFiles() throws Exception {
        Path a = Files.writeString(dir.resolve("a"), "A");
        Path b = Files.writeString(dir.resolve("b"), "B");

        assertEquals(0, run(ring, new RenameAt(a, b).flags(RenameFlags.EXCHANGE)).result());

        assertEquals("B", Files.readString(a));
        assertEquals("A", Files.readString(b));
    }

    @Test
    void exchangeWithAMissingTargetCompletesWithEnoent() throws Exception {
        Path a = Files.writeString(dir.resolve("a"), "A");

        assertEquals(Errno.ENOENT, run(ring, new RenameAt(a, dir.resolve("none")).flags(RenameFlags.EXCHANGE)).errno());
        assertEquals(List.of("a"), names(dir));
    }

    @Test
    void missingSourceCompletesWithEnoent() throws Exception {
        assertEquals(Errno.ENOENT, run(ring, new RenameAt(dir.resolve("none"), dir.resolve("x"))).errno());
        assertEquals(List.of(), names(dir));
    }
}
