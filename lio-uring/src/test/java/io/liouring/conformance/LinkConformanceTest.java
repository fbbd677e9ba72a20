package io.liouring.conformance;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.Link;
import io.liouring.LioUring;
import io.liouring.OpenFlags;
import io.liouring.SqeFlags;
import io.liouring.operation.Nop;
import io.liouring.operation.Read;
import io.liouring.operation.Timeout;
import io.liouring.operation.Write;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.liouring.testing.Roundtrip.next;
import static io.liouring.testing.Roundtrip.userData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Linked requests (IOSQE_IO_LINK, IOSQE_IO_HARDLINK): a chain runs in order; a failure, including a short read,
 * cancels the rest of a soft chain with -ECANCELED; a hard link goes on regardless.
 */
class LinkConformanceTest {
    private static Nop failing() {
        return new Nop().injectResult(-Errno.EIO.number());
    }

    @Test
    void aChainRunsInOrderEachRequestAfterThePreviousCompleted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chain");
        int fd = Fd.open(file, OpenFlags.O_CREAT | OpenFlags.O_WRONLY | OpenFlags.O_APPEND, 0644);
        try (var ring = new LioUring(8); var arena = Arena.ofConfined()) {
            MemorySegment first = arena.allocateFrom("first,", java.nio.charset.StandardCharsets.US_ASCII);
            MemorySegment second = arena.allocateFrom("second", java.nio.charset.StandardCharsets.US_ASCII);
            // a slow head: the writes may start only after it
            Link.of(new Timeout(Duration.ofMillis(20)).etimeSuccess(),
                    new Write(fd, first.asSlice(0, 6), -1), new Write(fd, second.asSlice(0, 6), -1)).pushTo(ring, 1);
            ring.submit();
            List<Completion> done = next(ring, 3);
            assertEquals(List.of(1L, 2L, 3L), userData(done));
            assertEquals("first,second", Files.readString(file));
        } finally {
            Fd.close(fd);
        }
    }

    @Test
    void aFailedRequestCancelsTheRestOfTheChain() {
        try (var ring = new LioUring(8)) {
            Link.of(new Nop(), failing(), new Nop(), new Nop()).pushTo(ring, 1);
            ring.submit();
            List<Completion> done = next(ring, 4);
            assertEquals(List.of(1L, 2L, 3L, 4L), userData(done));
            assertEquals(0, done.get(0).result());
            assertEquals(Errno.EIO, done.get(1).errno());
            assertEquals(Errno.ECANCELED, done.get(2).errno());
            assertEquals(Errno.ECANCELED, done.get(3).errno());
        }
    }

    @Test
    void anExpiredTimeoutCountsAsAFailureUnlessEtimeSuccess() {
        try (var ring = new LioUring(8)) {
            Link.of(new Timeout(Duration.ofMillis(1)), new Nop()).pushTo(ring, 1);
            ring.submit();
            List<Completion> done = next(ring, 2);
            assertEquals(Errno.ETIME, done.get(0).errno());
            assertEquals(Errno.ECANCELED, done.get(1).errno());

            Link.of(new Timeout(Duration.ofMillis(1)).etimeSuccess(), new Nop()).pushTo(ring, 3);
            ring.submit();
            done = next(ring, 2);
            assertEquals(Errno.ETIME, done.get(0).errno());
            assertEquals(0, done.get(1).result());
        }
    }

    @Test
    void aShortReadBreaksASoftLink(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("short");
        Files.writeString(file, "abcd");
        int fd = Fd.openRead(file);
        try (var ring = new LioUring(8); var arena = Arena.ofConfined()) {
            Link.of(new Read(fd, arena.allocate(16)), new Nop()).pushTo(ring, 1);
            ring.submit();
            List<Completion> done = next(ring, 2);
            assertEquals(4, done.get(0).result(), "4 of 16 bytes");
            assertEquals(Errno.ECANCELED, done.get(1).errno());
        } finally {
            Fd.close(fd);
        }
    }

    @Test
    void aHardLinkGoesOnAfterAFailure() {
        try (var ring = new LioUring(8)) {
            Link.hard(failing(), failing(), new Nop()).pushTo(ring, 1);
            ring.submit();
            List<Completion> done = next(ring, 3);
            assertEquals(Errno.EIO, done.get(0).errno());
            assertEquals(Errno.EIO, done.get(1).errno());
            assertEquals(0, done.get(2).result());
        }
    }

    @Test
    void aChainCanMixHardAndSoftLinks() {
        try (var ring = new LioUring(8)) {
            // failing -hard-> nop -soft-> failing -soft-> nop: the hard link survives the first failure only
            Link.of(failing()).thenRegardless(new Nop()).then(failing()).then(new Nop()).pushTo(ring, 1);
            ring.submit();
            List<Completion> done = next(ring, 4);
            assertEquals(Errno.EIO, done.get(0).errno());
            assertEquals(0, done.get(1).result());
            assertEquals(Errno.EIO, done.get(2).errno());
            assertEquals(Errno.ECANCELED, done.get(3).errno());
        }
    }

    @Test
    void theFlagsAnOperationCarriesAreKeptInTheChain() {
        try (var ring = new LioUring(8)) {
            Link.of(new Nop()).then(new Nop(), SqeFlags.CQE_SKIP_SUCCESS).then(new Nop()).pushTo(ring, 1);
            ring.submit();
            assertEquals(List.of(1L, 3L), userData(next(ring, 2)), "the middle one succeeded silently");
        }
    }

    @Test
    void aChainThatDoesNotFitIsNotPushedAtAll() {
        try (var ring = new LioUring(4)) {
            ring.push(new Nop(), 1);
            ring.push(new Nop(), 2);
            Link chain = Link.of(new Nop(), new Nop(), new Nop());
            assertThrows(IllegalStateException.class, () -> chain.pushTo(ring, 10));
            assertEquals(2, ring.sqSpaceLeft());
            ring.submit();
            next(ring, 2);
            chain.pushTo(ring, 10); // reusable once there is room
            ring.submit();
            assertEquals(List.of(10L, 11L, 12L), userData(next(ring, 3)));
        }
    }

    @Test
    void theBuilderRefusesLinkFlagsAndEmptyChains() {
        assertThrows(IllegalArgumentException.class, () -> Link.of(new Nop()).then(new Nop(), SqeFlags.IO_LINK));
        assertThrows(IllegalArgumentException.class, Link::of);
        assertThrows(NullPointerException.class, () -> Link.of(new Nop()).then(null));
    }
}
