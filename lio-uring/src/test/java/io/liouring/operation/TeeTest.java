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
import java.nio.file.Path;

import static io.liouring.OpenFlags.O_CREAT;
import static io.liouring.OpenFlags.O_TRUNC;
import static io.liouring.OpenFlags.O_WRONLY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TeeTest {
    private static final byte[] DATA = "teed bytes".getBytes(StandardCharsets.US_ASCII);

    @Test
    void encodesBothFdsLengthAndFlagsWithoutOffsets() {
        SqeBytes sqe = SqeBytes.encode(new Tee(6, 8, 4096).flags(SpliceFlags.NONBLOCK));
        assertEquals(Opcode.TEE.code(), sqe.opcode());
        assertEquals(33, sqe.opcode());
        assertEquals(8, sqe.fd(), "fd is the output pipe");
        assertEquals(6, sqe.fileIndex(), "splice_fd_in is the input pipe");
        assertEquals(4096, sqe.len());
        assertEquals(SpliceFlags.NONBLOCK, sqe.opFlags());
        assertEquals(0, sqe.off(), "tee has no offsets: the kernel refuses any");
        assertEquals(0, sqe.addr());
    }

    @Test
    void copiesPipeContentToAnotherPipeAndLeavesItInTheFirst() {
        try (LioUring ring = new LioUring(4); var source = PipeNative.pipe(); var copy = PipeNative.pipe()) {
            PipeNative.writeFully(source.writeFd(), DATA);
            Completion c = Roundtrip.run(ring, new Tee(source.readFd(), copy.writeFd(), 100));
            assertEquals(DATA.length, c.result());
            assertArrayEquals(DATA, PipeNative.read(copy.readFd(), 100), "the copy has the bytes");
            assertArrayEquals(DATA, PipeNative.read(source.readFd(), 100), "the source still has them");
        }
    }

    @Test
    void teesBetweenRegisteredPipes() {
        try (LioUring ring = new LioUring(4); var source = PipeNative.pipe(); var copy = PipeNative.pipe()) {
            PipeNative.writeFully(source.writeFd(), DATA);
            ring.registerFiles(copy.writeFd(), source.readFd());
            Completion c = Roundtrip.run(ring, new Tee(0, 0, 4).fdIn(new DirectFd(1)), SqeFlags.FIXED_FILE);
            assertEquals(4, c.result());
            assertArrayEquals("teed".getBytes(StandardCharsets.US_ASCII), PipeNative.read(copy.readFd(), 100));
        }
    }

    @Test
    void refusesAFileThatIsNotAPipeWithEinval(@TempDir Path dir) {
        try (LioUring ring = new LioUring(4); var source = PipeNative.pipe()) {
            PipeNative.writeFully(source.writeFd(), DATA);
            int fd = Fd.open(dir.resolve("f"), O_CREAT | O_WRONLY | O_TRUNC, 0644);
            try {
                Completion c = Roundtrip.run(ring, new Tee(source.readFd(), fd, 100));
                assertEquals(Errno.EINVAL, c.errno());
            } finally {
                Fd.close(fd);
            }
        }
    }
}
