package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.DirectFd;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.SqeFlags;
import io.liouring.testing.PipeNative;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.liouring.OpenFlags.O_CREAT;
import static io.liouring.OpenFlags.O_TRUNC;
import static io.liouring.OpenFlags.O_WRONLY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpliceTest {
    private static final byte[] DATA = "spliced bytes".getBytes(StandardCharsets.US_ASCII);

    @Test
    void encodesBothFdsBothOffsetsLengthAndFlags() {
        SqeBytes sqe = SqeBytes.encode(new Splice(3, 100, 4, -1, 512).flags(SpliceFlags.MOVE | SpliceFlags.MORE));
        assertEquals(Opcode.SPLICE.code(), sqe.opcode());
        assertEquals(30, sqe.opcode());
        assertEquals(4, sqe.fd(), "fd is the output");
        assertEquals(-1L, sqe.off(), "off is the output offset");
        assertEquals(100, sqe.addr(), "splice_off_in shares addr's place");
        assertEquals(3, sqe.fileIndex(), "splice_fd_in shares file_index's place");
        assertEquals(512, sqe.len());
        assertEquals(SpliceFlags.MOVE | SpliceFlags.MORE, sqe.opFlags());
    }

    @Test
    void aDirectInputSetsSpliceFdInFixed() {
        Splice splice = new Splice(0, -1, 4, -1, 1).flags(SpliceFlags.NONBLOCK).fdIn(new DirectFd(6));
        SqeBytes sqe = SqeBytes.encode(splice);
        assertEquals(0x8000_0000 | SpliceFlags.NONBLOCK, sqe.opFlags());
        assertEquals(6, sqe.fileIndex(), "splice_fd_in is the slot");
        assertEquals(SpliceFlags.NONBLOCK, SqeBytes.encode(splice.fdIn(9)).opFlags(), "a plain fd again");
    }

    @Test
    void flagsSetAfterADirectInputKeepItsFlag() {
        Splice splice = new Splice(0, -1, 4, -1, 1).fdIn(new DirectFd(0)).flags(SpliceFlags.MOVE);
        assertEquals(SpliceFlags.FD_IN_FIXED | SpliceFlags.MOVE, SqeBytes.encode(splice).opFlags(),
                "the caller's flags are OR-ed with the one fdIn(DirectFd) set");
        splice.flags(SpliceFlags.NONBLOCK);
        assertEquals(SpliceFlags.FD_IN_FIXED | SpliceFlags.NONBLOCK, SqeBytes.encode(splice).opFlags(),
                "a second flags() replaces the caller's first, not the operation's own bit");
    }

    @Test
    void refusesFlagsThatAreNotSpliceFlags() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Splice(0, -1, 1, -1, 1).flags(0x10));
        assertTrue(e.getMessage().contains("SpliceFlags"), e.getMessage());
    }

    @Test
    void refusesOffsetsBelowMinusOneAndNegativeLengths() {
        assertThrows(IllegalArgumentException.class, () -> new Splice(0, -2, 1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Splice(0, -1, 1, -5, 1));
        assertThrows(IllegalArgumentException.class, () -> new Splice(0, -1, 1, -1, -1));
    }

    @Test
    void movesPipeBytesIntoAFileAtAnOffset(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out");
        try (LioUring ring = new LioUring(4); var pipe = PipeNative.pipe()) {
            PipeNative.writeFully(pipe.writeFd(), DATA);
            int fd = Fd.open(file, O_CREAT | O_WRONLY | O_TRUNC, 0644);
            try {
                Completion c = Roundtrip.run(ring, new Splice(pipe.readFd(), -1, fd, 5, DATA.length));
                assertEquals(DATA.length, c.result());
                byte[] content = Files.readAllBytes(file);
                assertEquals(5 + DATA.length, content.length);
                assertEquals("spliced bytes", new String(content, 5, DATA.length, StandardCharsets.US_ASCII));
            } finally {
                Fd.close(fd);
            }
        }
    }

    @Test
    void movesFileBytesFromAnOffsetIntoAPipe(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("in");
        Files.writeString(file, "skip:spliced bytes");
        try (LioUring ring = new LioUring(4); var pipe = PipeNative.pipe()) {
            int fd = Fd.openRead(file);
            try {
                Completion c = Roundtrip.run(ring, new Splice(fd, 5, pipe.writeFd(), -1, 100));
                assertEquals(DATA.length, c.result());
                assertArrayEquals(DATA, PipeNative.read(pipe.readFd(), 100));
            } finally {
                Fd.close(fd);
            }
        }
    }

    @Test
    void aPipeRefusesAnOffsetWithEspipe(@TempDir Path dir) throws Exception {
        try (LioUring ring = new LioUring(4); var pipe = PipeNative.pipe()) {
            PipeNative.writeFully(pipe.writeFd(), DATA);
            int fd = Fd.open(dir.resolve("out"), O_CREAT | O_WRONLY | O_TRUNC, 0644);
            try {
                Completion c = Roundtrip.run(ring, new Splice(pipe.readFd(), 0, fd, 0, DATA.length));
                assertEquals(Errno.ESPIPE, c.errno());
            } finally {
                Fd.close(fd);
            }
        }
    }

    @Test
    void splicesBetweenDirectDescriptors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out");
        try (LioUring ring = new LioUring(4); var pipe = PipeNative.pipe()) {
            PipeNative.writeFully(pipe.writeFd(), DATA);
            int fd = Fd.open(file, O_CREAT | O_WRONLY | O_TRUNC, 0644);
            try {
                ring.registerFiles(fd, pipe.readFd());
                Splice splice = new Splice(0, -1, 0, 0, DATA.length).fdIn(new DirectFd(1));
                Completion c = Roundtrip.run(ring, splice, SqeFlags.FIXED_FILE);
                assertEquals(DATA.length, c.result());
                assertArrayEquals(DATA, Files.readAllBytes(file));
            } finally {
                Fd.close(fd);
            }
        }
    }
}
