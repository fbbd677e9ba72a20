package io.liouring.file;

import io.liouring.OpenFlags;
import io.liouring.async.EventLoop;
import io.liouring.internal.Pipes;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link AsyncFile#transferTo} and {@link AsyncFile#copy}: every kind of source and target, by its effect on the bytes. */
class AsyncFileTransferTest {
    @TempDir
    Path dir;

    private EventLoop loop;

    @BeforeEach
    void open() {
        loop = EventLoop.open();
    }

    @AfterEach
    void close() {
        loop.close();
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }

    @Test
    void aSparseSourceIsCopiedWithItsHolesAndItsFullSize() throws Exception {
        Path source = dir.resolve("sparse");
        byte[] first = random(100_000, 1);
        byte[] second = random(5_000, 2);
        try (RandomAccessFile raf = new RandomAccessFile(source.toFile(), "rw")) {
            raf.seek(1L << 20);
            raf.write(first);
            raf.seek(64L << 20);
            raf.write(second);
            raf.setLength(100L << 20); // ends in a hole
        }
        assumeTrue(blocks(source) * 512 < Files.size(source), "the file system keeps holes");
        Path target = dir.resolve("copy");

        assertEquals(100L << 20, AsyncFile.copy(loop, source, target));

        assertEquals(100L << 20, Files.size(target));
        assertTrue(blocks(target) * 512 < (8L << 20), "holes stay holes: " + blocks(target) + " blocks");
        try (RandomAccessFile raf = new RandomAccessFile(target.toFile(), "r")) {
            byte[] back = new byte[first.length];
            raf.seek(1L << 20);
            raf.readFully(back);
            assertArrayEquals(first, back);
            back = new byte[second.length];
            raf.seek(64L << 20);
            raf.readFully(back);
            assertArrayEquals(second, back);
            byte[] zeros = new byte[4096];
            raf.seek(0);
            raf.readFully(zeros);
            assertArrayEquals(new byte[4096], zeros);
            raf.seek((100L << 20) - 4096);
            raf.readFully(zeros);
            assertArrayEquals(new byte[4096], zeros);
        }
    }

    private long blocks(Path file) throws IOException {
        try (AsyncFile f = AsyncFile.openRead(loop, file)) {
            return f.stat().blocks();
        }
    }

    @Test
    void aCopyBetweenFileSystemsTheKernelCannotCopyAcrossEqualsTheSource() throws Exception {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "tmpfs at /dev/shm");
        assumeTrue(!Files.getFileStore(shm).type().equals(Files.getFileStore(dir).type()), "different file systems");
        Path source = Files.createTempFile(shm, "lio-transfer", ".bin");
        try {
            byte[] data = random((5 << 20) + 17, 3);
            Files.write(source, data);
            Path target = dir.resolve("from-tmpfs");

            assertEquals(data.length, AsyncFile.copy(loop, source, target));

            assertArrayEquals(data, Files.readAllBytes(target));
        } finally {
            Files.delete(source);
        }
    }

    @Test
    void aTransferAppendsToAnAppendOnlyTargetAfterWhatItHeld() throws Exception {
        Path source = dir.resolve("source");
        byte[] data = random((3 << 20) + 5, 4);
        Files.write(source, data);
        Path log = dir.resolve("log");
        Files.writeString(log, "before\n");
        try (AsyncFile in = AsyncFile.openRead(loop, source);
             AsyncFile out = AsyncFile.open(loop, log, OpenFlags.O_WRONLY | OpenFlags.O_APPEND, 0)) {
            assertEquals(data.length, in.transferTo(out, null));
        }
        byte[] all = Files.readAllBytes(log);
        assertEquals("before\n", new String(all, 0, 7));
        assertArrayEquals(data, Arrays.copyOfRange(all, 7, all.length));
    }

    @Test
    void transfersGoOnFromEachFilesPositionAndMoveIt() throws Exception {
        Path head = dir.resolve("head");
        Files.writeString(head, "0123");
        Path source = dir.resolve("source");
        byte[] data = random((1 << 20) + 9, 5);
        Files.write(source, data);
        Path target = dir.resolve("target");
        try (AsyncFile out = AsyncFile.open(loop, target, OpenFlags.O_WRONLY | OpenFlags.O_CREAT, 0644)) {
            try (AsyncFile in = AsyncFile.openRead(loop, head)) {
                assertEquals(4, in.transferTo(out, null));
            }
            try (AsyncFile in = AsyncFile.openRead(loop, source)) {
                assertEquals(data.length, in.transferTo(out, null), "written after the 4 bytes before");
                assertEquals(0, in.transferTo(out, null), "the source's position is at its end now");
            }
            try (AsyncFile in = AsyncFile.openRead(loop, head)) {
                assertEquals(4, in.transferTo(out, null));
            }
        }
        byte[] all = Files.readAllBytes(target);
        assertEquals(4 + data.length + 4, all.length);
        assertEquals("0123", new String(all, 0, 4));
        assertArrayEquals(data, Arrays.copyOfRange(all, 4, 4 + data.length));
        assertEquals("0123", new String(all, 4 + data.length, 4));
    }

    @Test
    void aTransferToDevNullCountsEveryByteAndReportsProgressUpToTheTotal() throws Exception {
        Path source = dir.resolve("source");
        Files.write(source, random((6 << 20) + 1, 6));
        List<Long> progress = new ArrayList<>();
        try (AsyncFile in = AsyncFile.openRead(loop, source);
             AsyncFile out = AsyncFile.open(loop, Path.of("/dev/null"), OpenFlags.O_WRONLY, 0)) {
            assertEquals((6 << 20) + 1, in.transferTo(out, progress::add));
            assertEquals(0, in.transferTo(out, null), "the source's position is at its end now");
        }
        assertEquals((6L << 20) + 1, progress.getLast());
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress never goes back: " + progress);
        }
    }

    @Test
    void aTransferIntoAPipeDeliversTheBytesInOrderAndAPipeSourceIsReadUntilItsWritersAreGone() throws Exception {
        Path source = dir.resolve("source");
        byte[] data = random((2 << 20) + 3, 7);
        Files.write(source, data);
        int[] pipe = Pipes.open(1 << 16);
        Path target = dir.resolve("from-pipe");
        try (AsyncFile pipeIn = AsyncFile.of(loop, pipe[0]);
             AsyncFile copy = AsyncFile.open(loop, target, OpenFlags.O_WRONLY | OpenFlags.O_CREAT, 0644)) {
            CompletableFuture<Long> drained = CompletableFuture.supplyAsync(() -> {
                try {
                    return pipeIn.transferTo(copy, null);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            try (AsyncFile in = AsyncFile.openRead(loop, source); AsyncFile pipeOut = AsyncFile.of(loop, pipe[1])) {
                assertEquals(data.length, in.transferTo(pipeOut, null));
            }
            assertEquals(data.length, drained.get(60, TimeUnit.SECONDS));
        }
        assertArrayEquals(data, Files.readAllBytes(target));
    }

    @Test
    void aTransferIntoASocketGoesThroughAPipeOfItsOwnAndDeliversTheBytesInOrder() throws Exception {
        Path source = dir.resolve("source");
        byte[] data = random((3 << 20) + 11, 9);
        Files.write(source, data);
        int[] sockets = SocketNative.socketPair(1, 1); // AF_UNIX, SOCK_STREAM: neither a pipe nor a regular file
        try (AsyncFile reader = AsyncFile.of(loop, sockets[1])) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(
                    () -> SocketNative.readExactly(sockets[1], data.length, Duration.ofSeconds(60)));
            try (AsyncFile in = AsyncFile.openRead(loop, source); AsyncFile socket = AsyncFile.of(loop, sockets[0])) {
                assertEquals(data.length, in.transferTo(socket, null));
            }
            assertArrayEquals(data, received.get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void aTransferWaitingForRoomInAPipeEndsWhenTheCallerIsInterrupted() throws Exception {
        Path source = dir.resolve("source");
        Files.write(source, random(1 << 20, 10)); // more than the pipe holds, and nobody reads it
        int[] pipe = Pipes.open(1 << 16);
        try (AsyncFile readEnd = AsyncFile.of(loop, pipe[0]);
             AsyncFile in = AsyncFile.openRead(loop, source);
             AsyncFile out = AsyncFile.of(loop, pipe[1])) {
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            Thread caller = Thread.ofPlatform().start(() -> {
                try {
                    in.transferTo(out, null);
                    ended.complete(null);
                } catch (Throwable t) {
                    ended.complete(t);
                }
            });
            caller.interrupt();

            Throwable t = ended.get(60, TimeUnit.SECONDS);
            assertTrue(t instanceof java.io.InterruptedIOException, String.valueOf(t));
        }
    }

    @Test
    void aTransferWaitingForRoomInAPipeEndsWhenTheTargetIsClosed() throws Exception {
        Path source = dir.resolve("source");
        Files.write(source, random(1 << 20, 11));
        int[] pipe = Pipes.open(1 << 16);
        try (AsyncFile readEnd = AsyncFile.of(loop, pipe[0]);
             AsyncFile in = AsyncFile.openRead(loop, source)) {
            AsyncFile out = AsyncFile.of(loop, pipe[1]);
            CompletableFuture<Long> transfer = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.transferTo(out, null);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            while (SocketNative.ioctlInt(pipe[0], SocketNative.FIONREAD) < (1 << 16) && !transfer.isDone()) {
                Thread.onSpinWait(); // until the pipe is full and the transfer waits for room
            }
            out.close();

            Throwable t = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> transfer.get(60, TimeUnit.SECONDS)).getCause();
            assertTrue(t.getCause() instanceof java.nio.channels.ClosedChannelException, String.valueOf(t));
        }
    }

    @Test
    void aPipeWithoutReadersFailsTheTransferWithEpipeNamingTheTarget() throws Exception {
        Path source = dir.resolve("source");
        Files.write(source, random(1 << 20, 8));
        int[] pipe = Pipes.open(1 << 16);
        try (AsyncFile readEnd = AsyncFile.of(loop, pipe[0])) {
            readEnd.close();
            try (AsyncFile in = AsyncFile.openRead(loop, source);
                 AsyncFile out = AsyncFile.of(loop, pipe[1], Path.of("the-pipe"))) {
                FileSystemException e = assertThrows(FileSystemException.class, () -> in.transferTo(out, null));
                assertEquals("the-pipe", e.getFile());
                assertTrue(e.getMessage().contains("EPIPE"), e.getMessage());
            }
        }
    }

    @Test
    void aTargetNotOpenForWritingFailsTheTransferWithEbadfNamingTheTarget() throws Exception {
        Path source = dir.resolve("source");
        Path target = dir.resolve("target");
        Files.write(source, random(1 << 16, 9));
        Files.write(target, new byte[0]);
        try (AsyncFile in = AsyncFile.openRead(loop, source);
             AsyncFile out = AsyncFile.openRead(loop, target)) {
            FileSystemException e = assertThrows(FileSystemException.class, () -> in.transferTo(out, null));
            assertEquals(target.toString(), e.getFile(), "the file that cannot be written is named");
            assertTrue(e.getMessage().contains("EBADF"), e.getMessage());
        }
        assertEquals(0, Files.size(target));
    }

    @Test
    void aSourceNotOpenForReadingFailsTheTransferWithEbadfNamingTheSource() throws Exception {
        Path source = dir.resolve("source");
        Path target = dir.resolve("target");
        Files.write(source, random(1 << 16, 10));
        try (AsyncFile in = AsyncFile.open(loop, source, io.liouring.OpenFlags.O_WRONLY, 0);
             AsyncFile out = AsyncFile.open(loop, target, io.liouring.OpenFlags.O_WRONLY | io.liouring.OpenFlags.O_CREAT, 0644)) {
            FileSystemException e = assertThrows(FileSystemException.class, () -> in.transferTo(out, null));
            assertEquals(source.toString(), e.getFile(), "the file that cannot be read is named");
            assertTrue(e.getMessage().contains("EBADF"), e.getMessage());
        }
    }
}
