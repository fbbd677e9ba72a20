package io.liouring.operation;

import io.liouring.DirectFd;
import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static io.liouring.OpenFlags.O_CREAT;
import static io.liouring.OpenFlags.O_WRONLY;
import static io.liouring.operation.FsTesting.cString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The shared "directory fd + path" argument, here through OpenAt, which uses it too. */
class AtPathTest {
    @Test
    void openAtPutsDirFdInFdAndItsOwnCopyOfThePathInAddr() {
        SqeBytes sqe = SqeBytes.encode(new OpenAt(12, Path.of("dir/file"), O_WRONLY | O_CREAT, 0600).direct(new DirectFd(1)));
        assertEquals(Opcode.OPENAT.code(), sqe.opcode());
        assertEquals(12, sqe.fd());
        assertEquals("dir/file", cString(sqe.addr()));
        assertEquals(0600, sqe.len());
        assertEquals(O_WRONLY | O_CREAT, sqe.opFlags());
        assertEquals(2, sqe.fileIndex());
        assertEquals(Fd.AT_FDCWD, SqeBytes.encode(new OpenAt(Path.of("f"), 0, 0)).fd());
    }

    @Test
    void aPathIsCopiedOnceAndKeptByTheOperation() {
        OpenAt op = new OpenAt(Path.of("same"), 0, 0);
        assertEquals(SqeBytes.encode(op).addr(), SqeBytes.encode(op).addr());
    }

    @Test
    void aMissingPathIsNamedInTheException() {
        assertEquals("path", assertThrows(NullPointerException.class, () -> new OpenAt(null, 0, 0)).getMessage());
        assertEquals("link", assertThrows(NullPointerException.class, () -> new SymlinkAt(Path.of("t"), null)).getMessage());
    }
}
