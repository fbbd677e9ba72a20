package io.liouring.internal;

import io.liouring.Errno;
import io.liouring.OpenFlags;
import io.liouring.async.EventLoop;
import io.liouring.async.FdHandle;
import io.liouring.operation.OpenAt;
import io.liouring.testing.AsyncNative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link ChunkedCopyFileRange}: the bytes of the range land at the target's offset, a chunk per call with progress
 * after each; the end of the source stops it short without an error; a refusal of the kernel stops it with the errno
 * and nothing copied; a closed file stops it before any call.
 */
class ChunkedCopyFileRangeTest {
    private static final long CHUNK = 4096;

    @Test
    void copiesTheRangeAtTheTargetOffsetAChunkPerCall(@TempDir Path dir) throws Exception {
        byte[] bytes = randomBytes(5 * CHUNK + 100);
        Path source = Files.write(dir.resolve("source"), bytes);
        Path target = dir.resolve("target");
        try (EventLoop loop = EventLoop.open(); FileRangeCalls calls = new FileRangeCalls()) {
            FdHandle in = open(loop, source, OpenFlags.O_RDONLY);
            FdHandle out = open(loop, target, OpenFlags.O_WRONLY | OpenFlags.O_CREAT);
            List<Long> progress = new ArrayList<>();

            long copied = new ChunkedCopyFileRange(calls, in, out, CHUNK).copy(10, 3, 3 * CHUNK + 7, progress::add);

            assertEquals(3 * CHUNK + 7, copied);
            assertEquals(List.of(CHUNK, 2 * CHUNK, 3 * CHUNK, 3 * CHUNK + 7), progress, "progress after each chunk");
            byte[] written = Files.readAllBytes(target);
            assertEquals(3 + 3 * CHUNK + 7, written.length);
            assertArrayEquals(Arrays.copyOfRange(bytes, 10, (int) (10 + 3 * CHUNK + 7)),
                    Arrays.copyOfRange(written, 3, written.length));
            in.close();
            out.close();
        }
    }

    @Test
    void theEndOfTheSourceStopsItShortWithoutAnError(@TempDir Path dir) throws Exception {
        byte[] bytes = randomBytes(CHUNK + 50);
        Path source = Files.write(dir.resolve("source"), bytes);
        Path target = dir.resolve("target");
        try (EventLoop loop = EventLoop.open(); FileRangeCalls calls = new FileRangeCalls()) {
            FdHandle in = open(loop, source, OpenFlags.O_RDONLY);
            FdHandle out = open(loop, target, OpenFlags.O_WRONLY | OpenFlags.O_CREAT);
            ChunkedCopyFileRange copy = new ChunkedCopyFileRange(calls, in, out, CHUNK);

            assertEquals(CHUNK + 50, copy.copy(0, 0, 10 * CHUNK, n -> { }));

            assertEquals(0, copy.errno());
            assertArrayEquals(bytes, Files.readAllBytes(target));
            in.close();
            out.close();
        }
    }

    @Test
    void aRefusalStopsItWithTheErrnoAndNothingCopied(@TempDir Path dir) throws Exception {
        Path source = Files.write(dir.resolve("source"), randomBytes(CHUNK));
        int[] pipe = AsyncNative.pipe();
        try (EventLoop loop = EventLoop.open(); FileRangeCalls calls = new FileRangeCalls()) {
            FdHandle in = open(loop, source, OpenFlags.O_RDONLY);
            FdHandle pipeRead = FdHandle.of(loop, pipe[0]);
            FdHandle pipeWrite = FdHandle.of(loop, pipe[1]);
            ChunkedCopyFileRange copy = new ChunkedCopyFileRange(calls, in, pipeWrite, CHUNK);
            List<Long> progress = new ArrayList<>();

            assertEquals(0, copy.copy(0, 0, CHUNK, progress::add));

            assertEquals(Errno.EINVAL.number(), copy.errno(), "copy_file_range(2) takes no pipe");
            assertEquals(List.of(), progress);
            in.close();
            pipeRead.close();
            pipeWrite.close();
        }
    }

    @Test
    void aClosedFileStopsItBeforeAnyCall(@TempDir Path dir) throws Exception {
        Path source = Files.write(dir.resolve("source"), randomBytes(CHUNK));
        Path target = dir.resolve("target");
        try (EventLoop loop = EventLoop.open(); FileRangeCalls calls = new FileRangeCalls()) {
            FdHandle in = open(loop, source, OpenFlags.O_RDONLY);
            FdHandle out = open(loop, target, OpenFlags.O_WRONLY | OpenFlags.O_CREAT);
            out.close();

            assertThrows(ClosedChannelException.class,
                    () -> new ChunkedCopyFileRange(calls, in, out, CHUNK).copy(0, 0, CHUNK, n -> { }));

            assertEquals(0, Files.size(target));
            in.close();
        }
    }

    @Test
    void aChunkMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChunkedCopyFileRange(null, null, null, 0));
        assertEquals("chunk must be positive: 0", e.getMessage());
    }

    private static FdHandle open(EventLoop loop, Path path, int flags) throws Exception {
        int fd = loop.submitResult(new OpenAt(path, flags | OpenFlags.O_CLOEXEC, 0644)).get(30, TimeUnit.SECONDS);
        return FdHandle.of(loop, fd);
    }

    private static byte[] randomBytes(long n) {
        byte[] bytes = new byte[(int) n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }
}
