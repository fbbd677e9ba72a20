package io.liouring.fault;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Link;
import io.liouring.LioUring;
import io.liouring.OpenFlags;
import io.liouring.operation.Close;
import io.liouring.operation.Fsync;
import io.liouring.operation.Nop;
import io.liouring.operation.OpenAt;
import io.liouring.operation.Read;
import io.liouring.operation.Write;
import io.liouring.testing.PipeNative;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Chains whose head fails for real (not by injection): the head posts its own errno, every request linked after it
 * posts -ECANCELED and does nothing, and the ring goes on working.
 */
class FailingLinkHeadTest {
    @Test
    void anOpenOfAMissingFileCancelsTheWriteAndCloseLinkedAfterIt(@TempDir Path dir) {
        try (var ring = new LioUring(8); var arena = Arena.ofConfined()) {
            Path missing = dir.resolve("missing/file");
            MemorySegment data = arena.allocateFrom("never written");
            Link.of(new OpenAt(missing, OpenFlags.O_WRONLY, 0), new Write(3, data), new Fsync(3), new Close(3))
                    .pushTo(ring, 10);
            Map<Long, Completion> done = Roundtrip.byUserData(ring, 4);
            assertEquals(Errno.ENOENT, done.get(10L).errno());
            for (long i = 11; i <= 13; i++) {
                assertEquals(Errno.ECANCELED, done.get(i).errno(), "link " + i);
            }
            assertFalse(Files.exists(missing));
            ring.push(new Nop(), 99);
            assertEquals(99, Roundtrip.next(ring).userData(), "the ring still works");
        }
    }

    @Test
    void aWriteToAReadOnlyDescriptorCancelsTheRestButAHardLinkGoesOn() {
        try (var ring = new LioUring(8); var arena = Arena.ofConfined()) {
            PipeNative.Ends pipe = PipeNative.pipe();
            MemorySegment data = arena.allocateFrom("x");
            // the read end of a pipe cannot be written: EBADF
            Link.of(new Write(pipe.readFd(), data), new Write(pipe.writeFd(), data), new Nop()).pushTo(ring, 20);
            Map<Long, Completion> soft = Roundtrip.byUserData(ring, 3);
            assertEquals(Errno.EBADF, soft.get(20L).errno());
            assertEquals(Errno.ECANCELED, soft.get(21L).errno());
            assertEquals(Errno.ECANCELED, soft.get(22L).errno());

            Link.hard(new Write(pipe.readFd(), data), new Write(pipe.writeFd(), data.asSlice(0, 1)), new Nop())
                    .pushTo(ring, 30);
            Map<Long, Completion> hard = Roundtrip.byUserData(ring, 3);
            assertEquals(Errno.EBADF, hard.get(30L).errno());
            assertEquals(1, hard.get(31L).result(), "after a hard link the write runs");
            assertEquals(0, hard.get(32L).result());
            assertEquals(1, PipeNative.read(pipe.readFd(), 16).length, "exactly one byte reached the pipe");
            pipe.close();
        }
    }

    @Test
    void aHeadThatFailsAtPrepCancelsTheChainToo() {
        try (var ring = new LioUring(8); var arena = Arena.ofConfined()) {
            // an fd that is not open fails the head when the kernel looks it up
            Link.of(new Read(1 << 20, arena.allocate(8), 0), new Nop(), new Nop()).pushTo(ring, 40);
            Map<Long, Completion> done = Roundtrip.byUserData(ring, 3);
            assertEquals(Errno.EBADF, done.get(40L).errno());
            assertEquals(Errno.ECANCELED, done.get(41L).errno());
            assertEquals(Errno.ECANCELED, done.get(42L).errno());
        }
    }
}
