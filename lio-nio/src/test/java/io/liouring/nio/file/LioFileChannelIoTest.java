package io.liouring.nio.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Reads, writes, position, size, truncate and force of {@link LioFileChannel}, as the FileChannel Javadoc says. */
class LioFileChannelIoTest {
    @TempDir
    Path dir;

    static FileChannel open(Path path, OpenOption... options) throws IOException {
        return LioFileChannel.open(path, Set.of(options));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void relativeWritesAdvanceThePositionAndLandInTheFile() throws IOException {
        Path f = dir.resolve("f");
        try (FileChannel ch = open(f, CREATE, WRITE)) {
            assertEquals(5, ch.write(ByteBuffer.wrap(ascii("hello"))));
            assertEquals(5, ch.position());
            ByteBuffer direct = ByteBuffer.allocateDirect(6).put(ascii(" world")).flip();
            assertEquals(6, ch.write(direct));
            assertEquals(0, direct.remaining());
            assertEquals(11, ch.position());
            assertEquals(11, ch.size());
        }
        assertArrayEquals(ascii("hello world"), Files.readAllBytes(f));
    }

    @Test
    void relativeReadsAdvanceAndReturnMinusOneAtEndOfFile() throws IOException {
        Path f = dir.resolve("f");
        Files.write(f, ascii("abcdefgh"));
        try (FileChannel ch = open(f, READ)) {
            ByteBuffer heap = ByteBuffer.allocate(3);
            assertEquals(3, ch.read(heap));
            assertArrayEquals(ascii("abc"), heap.array());
            ByteBuffer direct = ByteBuffer.allocateDirect(10);
            assertEquals(5, ch.read(direct));
            direct.flip();
            byte[] rest = new byte[5];
            direct.get(rest);
            assertArrayEquals(ascii("defgh"), rest);
            assertEquals(8, ch.position());
            assertEquals(-1, ch.read(ByteBuffer.allocate(4)));
            assertEquals(0, ch.read(ByteBuffer.allocate(0)));
        }
    }

    @Test
    void positionalIoLeavesThePositionAlone() throws IOException {
        Path f = dir.resolve("f");
        Files.write(f, ascii("0123456789"));
        try (FileChannel ch = open(f, READ, WRITE)) {
            ch.position(2);
            ByteBuffer b = ByteBuffer.allocate(3);
            assertEquals(3, ch.read(b, 6));
            assertArrayEquals(ascii("678"), b.array());
            assertEquals(2, ch.write(ByteBuffer.wrap(ascii("XY")), 12));
            assertEquals(2, ch.position());
            assertEquals(-1, ch.read(ByteBuffer.allocate(1), 100));
            assertEquals(14, ch.size());
        }
        byte[] content = Files.readAllBytes(f);
        assertArrayEquals(ascii("0123456789"), Arrays.copyOf(content, 10));
        assertArrayEquals(new byte[2], Arrays.copyOfRange(content, 10, 12)); // the hole reads as zeros
        assertArrayEquals(ascii("XY"), Arrays.copyOfRange(content, 12, 14));
    }

    @Test
    void positionBeyondTheEndReadsEndOfFileAndWriteGrowsTheFile() throws IOException {
        Path f = dir.resolve("f");
        Files.write(f, ascii("ab"));
        try (FileChannel ch = open(f, READ, WRITE)) {
            ch.position(5);
            assertEquals(-1, ch.read(ByteBuffer.allocate(1)));
            ch.write(ByteBuffer.wrap(ascii("z")));
            assertEquals(6, ch.position());
        }
        assertArrayEquals(new byte[] {'a', 'b', 0, 0, 0, 'z'}, Files.readAllBytes(f));
    }

    @Test
    void appendWritesGoToTheEndEvenPositionalOnesAsTheJdksDo() throws IOException {
        Path f = dir.resolve("f");
        Files.write(f, ascii("hello"));
        try (FileChannel ch = open(f, APPEND)) {
            assertEquals(5, ch.position());
            ch.position(1);
            ch.write(ByteBuffer.wrap(ascii("XY")));
            assertEquals(7, ch.position());
            assertEquals(1, ch.write(ByteBuffer.wrap(ascii("Z")), 0));
            assertEquals(8, ch.position());
        }
        assertArrayEquals(ascii("helloXYZ"), Files.readAllBytes(f));
    }

    @Test
    void scatteringAndGatheringMoveBuffersInOrder() throws IOException {
        Path f = dir.resolve("f");
        try (FileChannel ch = open(f, CREATE, READ, WRITE)) {
            ByteBuffer[] srcs = {ByteBuffer.wrap(ascii("ab")), ByteBuffer.allocateDirect(3).put(ascii("cde")).flip(),
                    ByteBuffer.wrap(ascii("f"))};
            assertEquals(6, ch.write(srcs));
            assertEquals(6, ch.position());
            ch.position(0);
            ByteBuffer[] dsts = {ByteBuffer.allocate(1), ByteBuffer.allocateDirect(2), ByteBuffer.allocate(10)};
            assertEquals(6, ch.read(dsts));
            assertEquals(-1, ch.read(dsts, 2, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> ch.read(dsts, 2, 2));
            assertEquals('a', dsts[0].get(0));
            assertEquals('b', dsts[1].get(0));
            assertEquals('c', dsts[1].get(1));
            assertArrayEquals(ascii("def"), Arrays.copyOf(dsts[2].array(), 3));
        }
        assertArrayEquals(ascii("abcdef"), Files.readAllBytes(f));
    }

    @Test
    void largeHeapBuffersCrossSeveralBounceBuffers() throws IOException {
        Path f = dir.resolve("big");
        byte[] data = new byte[3 * ScratchPool.LARGE_SIZE + 12345];
        new Random(42).nextBytes(data);
        try (FileChannel ch = open(f, CREATE, WRITE)) {
            assertEquals(data.length, ch.write(ByteBuffer.wrap(data)));
        }
        assertArrayEquals(data, Files.readAllBytes(f));
        try (FileChannel ch = open(f, READ)) {
            ByteBuffer back = ByteBuffer.allocate(data.length + 10);
            while (ch.read(back) > 0) {
                // a read may be short; the loop reads to the end as callers do
            }
            assertEquals(data.length, back.position());
            assertArrayEquals(data, Arrays.copyOf(back.array(), data.length));
        }
    }

    @Test
    void arenaBackedBuffersGoToTheKernelAsTheyAre() throws IOException {
        Path f = dir.resolve("f");
        try (Arena arena = Arena.ofShared(); FileChannel ch = open(f, CREATE, READ, WRITE)) {
            ByteBuffer src = arena.allocateFrom("segment bytes").asByteBuffer();
            src.limit(13);
            assertEquals(13, ch.write(src, 0));
            ByteBuffer dst = arena.allocate(13).asByteBuffer();
            assertEquals(13, ch.read(dst, 0));
            assertEquals("segment bytes", StandardCharsets.US_ASCII.decode(dst.flip()).toString());
        }
        assertArrayEquals(ascii("segment bytes"), Files.readAllBytes(f));
    }

    @Test
    void aReadWhoseRangeIsOnlyPartlyCachedIsStillAsFullAsPread() throws IOException {
        Path f = dir.resolve("f");
        byte[] data = new byte[1 << 20];
        new Random(3).nextBytes(data);
        Files.write(f, data);
        int fd = io.liouring.Fd.openRead(f);
        try (io.liouring.async.EventLoop loop = io.liouring.async.EventLoop.open()) {
            loop.callResult(new io.liouring.operation.Fsync(fd));
            // The second half leaves the page cache: a non-blocking read of the whole range stops at the middle.
            loop.callResult(new io.liouring.operation.Fadvise(fd, data.length / 2, data.length / 2,
                    io.liouring.operation.FileAdvice.DONTNEED));
        } finally {
            io.liouring.Fd.close(fd);
        }
        try (FileChannel ch = open(f, READ)) {
            ByteBuffer all = ByteBuffer.allocateDirect(data.length);
            assertEquals(data.length, ch.read(all, 0));
            byte[] back = new byte[data.length];
            all.flip().get(back);
            assertArrayEquals(data, back);
        }
    }

    @Test
    void truncateShrinksOnlyAndClampsThePosition() throws IOException {
        Path f = dir.resolve("f");
        Files.write(f, ascii("0123456789"));
        try (FileChannel ch = open(f, READ, WRITE)) {
            ch.position(8);
            ch.truncate(4);
            assertEquals(4, ch.size());
            assertEquals(4, ch.position());
            ch.position(100);
            ch.truncate(50); // larger than the file: not modified, but the position is clamped
            assertEquals(4, ch.size());
            assertEquals(50, ch.position());
            assertThrows(IllegalArgumentException.class, () -> ch.truncate(-1));
        }
        assertArrayEquals(ascii("0123"), Files.readAllBytes(f));
    }

    @Test
    void forceFlushesWithAndWithoutMetadata() throws IOException {
        Path f = dir.resolve("f");
        try (FileChannel ch = open(f, CREATE, WRITE)) {
            ch.write(ByteBuffer.wrap(ascii("durable")));
            ch.force(false);
            ch.force(true);
        }
        assertArrayEquals(ascii("durable"), Files.readAllBytes(f));
    }

    @Test
    void accessRulesAndArgumentChecksFollowTheJavadoc() throws IOException {
        Path f = dir.resolve("f");
        Files.write(f, ascii("x"));
        try (FileChannel ro = open(f, READ)) {
            assertThrows(NonWritableChannelException.class, () -> ro.write(ByteBuffer.allocate(1)));
            assertThrows(NonWritableChannelException.class, () -> ro.write(ByteBuffer.allocate(1), 0));
            assertThrows(NonWritableChannelException.class, () -> ro.truncate(0));
            assertThrows(IllegalArgumentException.class, () -> ro.read(ByteBuffer.allocate(1).asReadOnlyBuffer()));
            assertThrows(IllegalArgumentException.class, () -> ro.read(ByteBuffer.allocate(1), -1));
            assertThrows(IllegalArgumentException.class, () -> ro.position(-1));
            ro.force(true); // allowed on a read-only channel, as on the JDK's
        }
        try (FileChannel wo = open(f, WRITE)) {
            assertThrows(NonReadableChannelException.class, () -> wo.read(ByteBuffer.allocate(1)));
            assertThrows(NonReadableChannelException.class, () -> wo.read(ByteBuffer.allocate(1), 0));
        }
        assertArrayEquals(ascii("x"), Files.readAllBytes(f));
    }

    @Test
    void closedChannelRefusesEveryCall() throws IOException {
        Path f = dir.resolve("f");
        Files.write(f, ascii("x"));
        FileChannel ch = open(f, READ, WRITE);
        ch.close();
        ch.close(); // idempotent
        assertThrows(java.nio.channels.ClosedChannelException.class, () -> ch.read(ByteBuffer.allocate(1)));
        assertThrows(java.nio.channels.ClosedChannelException.class, () -> ch.write(ByteBuffer.allocate(1), 0));
        assertThrows(java.nio.channels.ClosedChannelException.class, ch::size);
        assertThrows(java.nio.channels.ClosedChannelException.class, ch::position);
        assertThrows(java.nio.channels.ClosedChannelException.class, () -> ch.force(true));
        assertArrayEquals(ascii("x"), Files.readAllBytes(f));
    }
}
