package io.liouring.file;

import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.async.EventLoop;
import io.liouring.operation.FallocateMode;
import io.liouring.struct.IoVecArray;
import io.liouring.struct.StatxResult;
import io.liouring.testing.AsyncNative;
import io.liouring.testing.IoFailures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static io.liouring.OpenFlags.O_CREAT;
import static io.liouring.OpenFlags.O_DIRECT;
import static io.liouring.OpenFlags.O_RDWR;
import static io.liouring.OpenFlags.O_WRONLY;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AsyncFile against the real kernel: every call's effect is checked in the file itself. */
class AsyncFileTest {
    @TempDir
    Path dir;
    private EventLoop loop;
    private Arena arena;

    @BeforeEach
    void open() {
        loop = EventLoop.open();
        arena = Arena.ofShared();
    }

    @AfterEach
    void close() {
        loop.close();
        arena.close();
    }

    private MemorySegment text(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        MemorySegment segment = arena.allocate(bytes.length);
        MemorySegment.copy(bytes, 0, segment, JAVA_BYTE, 0, bytes.length);
        return segment;
    }

    private static String text(MemorySegment segment, long length) {
        return new String(segment.asSlice(0, length).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
    }

    @Test
    void opensAFileAndReportsAMissingOneByErrno() throws Exception {
        Path missing = dir.resolve("missing");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> AsyncFile.openRead(loop, missing));
        assertEquals(Errno.ENOENT, IoFailures.errnoOfBlocking(e));
        assertEquals(missing.toString(), e.getFile(), "the exception names the path");
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        NoSuchFileException loopSide = (NoSuchFileException) e.getCause();
        assertEquals(missing.toString(), loopSide.getFile());

        var async = AsyncFile.openAsync(loop, missing, io.liouring.OpenFlags.O_RDONLY, 0);
        var failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> async.get(5, TimeUnit.SECONDS));
        assertInstanceOf(NoSuchFileException.class, failure.getCause(), "the future fails with the loop's exception");
        assertEquals(Errno.ENOENT, IoFailures.errnoOfFuture(failure));

        try (AsyncFile file = AsyncFile.open(loop, dir.resolve("new"), O_RDWR | O_CREAT, 0640)) {
            assertTrue(file.fd() >= 0);
        }
        assertTrue(Files.exists(dir.resolve("new")));
    }

    @Test
    void positionalWritesAndReadsLandWhereTheySay() throws Exception {
        Path path = dir.resolve("f");
        try (AsyncFile file = AsyncFile.open(loop, path, O_RDWR | O_CREAT, 0644)) {
            assertEquals(5, file.write(text("hello"), 3));
            assertEquals(5, file.writeAsync(text("world"), 8).get(5, TimeUnit.SECONDS));
            assertArrayEquals("\0\0\0helloworld".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(path));

            MemorySegment back = arena.allocate(5);
            assertEquals(5, file.read(back, 8));
            assertEquals("world", text(back, 5));
            assertEquals(5, file.readAsync(back, 3).get(5, TimeUnit.SECONDS));
            assertEquals("hello", text(back, 5));
            assertEquals(0, file.read(back, 100), "0 at end of file");
        }
    }

    @Test
    void fullLengthReadsAndWritesCoverTheWholeBuffer() throws Exception {
        Path path = dir.resolve("big");
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(1).nextBytes(data);
        MemorySegment source = arena.allocate(data.length);
        MemorySegment.copy(data, 0, source, JAVA_BYTE, 0, data.length);
        try (AsyncFile file = AsyncFile.open(loop, path, O_RDWR | O_CREAT, 0644)) {
            file.writeFully(source, 0);
            assertArrayEquals(data, Files.readAllBytes(path));
            assertEquals((long) data.length, file.writeFullyAsync(source, data.length).get(5, TimeUnit.SECONDS));

            MemorySegment back = arena.allocate(data.length);
            assertEquals(data.length, file.readFully(back, data.length));
            assertArrayEquals(data, back.toArray(JAVA_BYTE));
            back.fill((byte) 0);
            assertEquals((long) data.length, file.readFullyAsync(back, 0).get(5, TimeUnit.SECONDS));
            assertArrayEquals(data, back.toArray(JAVA_BYTE));

            MemorySegment past = arena.allocate(100);
            assertEquals(10, file.readFully(past, 2L * data.length - 10), "stops at end of file");
        }
    }

    @Test
    void readFullyKeepsGoingAfterShortReads() throws Exception {
        int[] pipe = AsyncNative.pipe();
        Thread writer = Thread.ofVirtual().start(() -> {
            for (String piece : new String[] {"sh", "ort ", "rea", "ds"}) {
                AsyncNative.write(pipe[1], piece.getBytes(StandardCharsets.UTF_8));
                sleep(20);
            }
        });
        try (AsyncFile readEnd = AsyncFile.of(loop, pipe[0])) {
            MemorySegment buffer = arena.allocate(11);
            assertEquals(11, readEnd.readFullyAsync(buffer, 0).get(5, TimeUnit.SECONDS));
            assertEquals("short reads", text(buffer, 11));
        } finally {
            writer.join();
            Fd.close(pipe[1]);
        }
    }

    @Test
    void writeFullyKeepsGoingAfterShortWrites() throws Exception {
        int[] pipe = AsyncNative.pipe();
        int size = 1 << 20; // 16 times a pipe's default capacity: the kernel takes it in pieces
        MemorySegment data = arena.allocate(size);
        for (int i = 0; i < size; i++) {
            data.set(JAVA_BYTE, i, (byte) (i * 31));
        }
        try (AsyncFile writeEnd = AsyncFile.of(loop, pipe[1]); AsyncFile readEnd = AsyncFile.of(loop, pipe[0])) {
            var written = writeEnd.writeFullyAsync(data, 0);
            MemorySegment back = arena.allocate(size);
            assertEquals(size, readEnd.readFully(back, 0));
            assertEquals((long) size, written.get(5, TimeUnit.SECONDS));
            assertEquals(-1, back.mismatch(data));
        }
    }

    @Test
    void vectoredWritesAndReadsUseTheBuffersInOrder() throws Exception {
        Path path = dir.resolve("v");
        try (AsyncFile file = AsyncFile.open(loop, path, O_RDWR | O_CREAT, 0644)) {
            assertEquals(10, file.writev(IoVecArray.of(arena, text("abc"), text("defghij")), 0));
            assertEquals("abcdefghij", Files.readString(path));

            MemorySegment a = arena.allocate(4);
            MemorySegment b = arena.allocate(6);
            assertEquals(10, file.readvAsync(IoVecArray.of(arena, a, b), 0).get(5, TimeUnit.SECONDS));
            assertEquals("abcd", text(a, 4));
            assertEquals("efghij", text(b, 6));
        }
    }

    @Test
    void fsyncAndFdatasyncSucceedOnAFileAndFailOnAPipe() throws Exception {
        Path path = dir.resolve("synced");
        try (AsyncFile file = AsyncFile.openWrite(loop, path)) {
            file.writeFully(text("durable"), 0);
            file.fsync();
            file.fdatasync();
            assertEquals(0, file.fsyncAsync().get(5, TimeUnit.SECONDS));
        }
        assertEquals("durable", Files.readString(path));

        int[] pipe = AsyncNative.pipe();
        try (AsyncFile readEnd = AsyncFile.of(loop, pipe[0])) {
            IOException e = assertThrows(IOException.class, readEnd::fsync);
            assertEquals(Errno.EINVAL, IoFailures.errnoOfBlocking(e));
        } finally {
            Fd.close(pipe[1]);
        }
    }

    @Test
    void allocateTruncateAndStatChangeAndReportTheFile() throws Exception {
        Path path = dir.resolve("sized");
        try (AsyncFile file = AsyncFile.open(loop, path, O_RDWR | O_CREAT, 0600)) {
            file.allocate(0, 1 << 20, 0);
            assertEquals(1 << 20, Files.size(path));
            StatxResult status = file.stat();
            assertEquals(1 << 20, status.size());
            assertTrue(status.blocks() * 512 >= 1 << 20, "space is allocated: " + status.blocks() + " blocks");
            assertEquals(0600, status.permissions());

            file.allocate(1 << 20, 1 << 20, FallocateMode.KEEP_SIZE);
            assertEquals(1 << 20, file.size(), "KEEP_SIZE leaves the size alone");
            assertTrue(file.stat().blocks() * 512 >= 2 << 20);

            file.truncate(10);
            assertEquals(10, Files.size(path));
            assertEquals(4096, file.truncateAsync(4096).thenCompose(r -> file.statAsync()).get(5, TimeUnit.SECONDS).size());
        }
    }

    @Test
    void closeReleasesTheFdAndLaterUseIsRefused() throws Exception {
        long before = AsyncNative.openFds();
        AsyncFile file = AsyncFile.open(loop, dir.resolve("c"), O_WRONLY | O_CREAT, 0644);
        assertEquals(before + 1, AsyncNative.openFds());
        file.close();
        assertEquals(before, AsyncNative.openFds());
        assertTrue(file.isClosed());
        ClosedChannelException refused = assertThrows(ClosedChannelException.class, () -> file.write(text("x"), 0));
        assertFalse(refused instanceof AsynchronousCloseException, "refused at submission, not cancelled: " + refused);
        assertThrows(ClosedChannelException.class, file::fd);
        var async = file.writeAsync(text("x"), 0);
        var failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> async.get(5, TimeUnit.SECONDS));
        assertInstanceOf(ClosedChannelException.class, failure.getCause());
        file.close(); // idempotent
    }

    @Test
    void closeCancelsAReadStillWaitingOnTheFile() throws Exception {
        int[] pipe = AsyncNative.pipe();
        try {
            AsyncFile readEnd = AsyncFile.of(loop, pipe[0]);
            var read = readEnd.readAsync(arena.allocate(8), 0);
            while (loop.inFlight() < 1) {
                Thread.sleep(2);
            }
            readEnd.close();
            var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> read.get(5, TimeUnit.SECONDS));
            assertInstanceOf(AsynchronousCloseException.class, e.getCause());
            assertEquals(-Errno.ECANCELED.number(), read.released().get(5, TimeUnit.SECONDS).result(),
                    "the kernel cancelled the read");
        } finally {
            Fd.close(pipe[1]);
        }
    }

    @Test
    void aFileOutlivingItsLoopStillClosesItsFd() throws Exception {
        long before = AsyncNative.openFds();
        EventLoop shortLived = EventLoop.open();
        AsyncFile file = AsyncFile.open(shortLived, dir.resolve("orphan"), O_WRONLY | O_CREAT, 0644);
        shortLived.close();
        file.close();
        assertEquals(before, AsyncNative.openFds());
    }

    @Test
    void directIoWorksWithAlignedBuffersAndRefusesMisalignedOnes() throws Exception {
        Path path = dir.resolve("direct");
        AsyncFile file;
        try {
            file = AsyncFile.open(loop, path, O_RDWR | O_CREAT | O_DIRECT, 0644);
        } catch (FileSystemException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(IoFailures.errnoOfBlocking(e) != Errno.EINVAL,
                    "no O_DIRECT on " + dir);
            throw e;
        }
        try (file) {
            int size = 8192;
            MemorySegment out = AsyncFile.allocateAligned(arena, size);
            for (int i = 0; i < size; i++) {
                out.set(JAVA_BYTE, i, (byte) i);
            }
            file.writeFully(out, 0);
            MemorySegment in = AsyncFile.allocateAligned(arena, size);
            assertEquals(size, file.readFully(in, 0));
            assertEquals(-1, in.mismatch(out));
            assertEquals(0, out.address() % AsyncFile.DIRECT_ALIGNMENT);

            MemorySegment misaligned = AsyncFile.allocateAligned(arena, size + 4096).asSlice(1, 4096);
            FileSystemException e = assertThrows(FileSystemException.class, () -> file.read(misaligned, 0));
            assertEquals(Errno.EINVAL, IoFailures.errnoOfBlocking(e),
                    "O_DIRECT is in effect: the kernel refuses a misaligned buffer");
            assertEquals(path.toString(), e.getFile());
        }
        byte[] expected = new byte[8192];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) i;
        }
        assertArrayEquals(expected, Files.readAllBytes(path));
    }

    @Test
    void readAllBytesAndWriteAllRoundTrip() throws Exception {
        Path path = dir.resolve("whole");
        byte[] data = new byte[100_000];
        new java.util.Random(7).nextBytes(data);
        AsyncFile.writeAll(loop, path, data);
        assertArrayEquals(data, Files.readAllBytes(path));
        assertArrayEquals(data, AsyncFile.readAllBytes(loop, path));

        AsyncFile.writeAll(loop, path, new byte[0]);
        assertEquals(0, Files.size(path), "writeAll truncates");
        assertArrayEquals(new byte[0], AsyncFile.readAllBytes(loop, path));
    }

    @Test
    void readAllReadsFilesWhoseSizeTheKernelDoesNotKnow() throws Exception {
        Path kallsyms = Path.of("/proc/kallsyms"); // size 0 in stat, megabytes of content in short reads
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(kallsyms), "needs a readable /proc/kallsyms");
        byte[] viaRing = AsyncFile.readAllBytes(loop, kallsyms);
        byte[] viaJdk = Files.readAllBytes(kallsyms);
        assertTrue(viaRing.length > 4096, "more than the first buffer: " + viaRing.length);
        assertArrayEquals(viaJdk, viaRing);
    }

    @Test
    void copyOfA256MibFileEqualsTheSource() throws Exception {
        Path source = dir.resolve("source");
        Path target = dir.resolve("target");
        long size = 256L << 20;
        byte[] chunk = new byte[1 << 20];
        java.util.SplittableRandom random = new java.util.SplittableRandom(256);
        java.security.MessageDigest sourceHash = java.security.MessageDigest.getInstance("SHA-256");
        try (var out = Files.newOutputStream(source)) {
            for (long written = 0; written < size; written += chunk.length) {
                for (int i = 0; i < chunk.length; i += 8) {
                    long r = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        chunk[i + b] = (byte) (r >>> (8 * b));
                    }
                }
                sourceHash.update(chunk);
                out.write(chunk);
            }
        }
        Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-r-----"));

        assertEquals(size, AsyncFile.copy(loop, source, target));

        assertEquals(size, Files.size(target));
        java.security.MessageDigest targetHash = java.security.MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(target)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                targetHash.update(buffer, 0, n);
            }
        }
        assertArrayEquals(sourceHash.digest(), targetHash.digest());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void copyOfAFileOfMoreChunksThanLanesWithAPartialLastChunkEqualsTheSourceAndLeavesNoDescriptorOpen()
            throws Exception {
        Path source = dir.resolve("odd-size");
        Path target = dir.resolve("odd-size-copy");
        byte[] data = new byte[(9 << 20) + 3]; // nine 1 MiB chunks over four lanes, then 3 bytes
        new java.util.SplittableRandom(9).nextBytes(data);
        Files.write(source, data);
        long descriptorsBefore = openDescriptors();

        assertEquals(data.length, AsyncFile.copy(loop, source, target));

        assertArrayEquals(data, Files.readAllBytes(target));
        assertEquals(descriptorsBefore, openDescriptors(), "the pipes and both files are closed again");
    }

    @Test
    void copyOverAnExistingLongerTargetTruncatesIt() throws Exception {
        Path source = dir.resolve("short");
        Path target = dir.resolve("long");
        Files.writeString(source, "new");
        Files.write(target, new byte[3 << 20]);
        assertEquals(3, AsyncFile.copy(loop, source, target));
        assertEquals("new", Files.readString(target));
    }

    private static long openDescriptors() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void copyOfAnEmptyFileCreatesAnEmptyTarget() throws Exception {
        Path source = Files.createFile(dir.resolve("empty"));
        Path target = dir.resolve("copy");
        Files.writeString(target, "old content");
        assertEquals(0, AsyncFile.copy(loop, source, target));
        assertEquals(0, Files.size(target));
    }

    @Test
    void aBufferTooSmallForTheRequestIsRefusedBeforeTheKernelSeesIt() throws Exception {
        try (AsyncFile file = AsyncFile.open(loop, dir.resolve("x"), O_RDWR | O_CREAT, 0644)) {
            assertThrows(IllegalArgumentException.class, () -> file.read(MemorySegment.ofArray(new byte[4]), 0));
            assertThrows(IllegalArgumentException.class, () -> file.write(text("x"), -1));
            assertFalse(file.isClosed());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
