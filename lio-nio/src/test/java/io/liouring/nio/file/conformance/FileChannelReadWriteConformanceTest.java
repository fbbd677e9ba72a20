package io.liouring.nio.file.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Relative and positional {@code read}/{@code write}, {@code position}, {@code size}, {@code truncate} and
 * {@code force} of {@code FileChannel} (and {@code SeekableByteChannel}), with heap and direct buffers.
 */
class FileChannelReadWriteConformanceTest extends FileSystemConformance {

    static ByteBuffer buffer(boolean direct, int capacity) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    static ByteBuffer bytes(boolean direct, String text) {
        return buffer(direct, text.length()).put(ascii(text)).flip();
    }

    @ParameterizedTest(name = "direct={0}")
    @ValueSource(booleans = {false, true})
    void relativeReadStartsAtThePositionAndAdvancesItByTheCount(boolean direct) throws IOException {
        // read(ByteBuffer): "Bytes are read starting at this channel's current file position, and then the file
        // position is updated with the number of bytes actually read."
        Path file = file("data", "0123456789");
        try (var ch = FileChannel.open(file)) {
            ch.position(3);
            var buf = buffer(direct, 4);
            assertEquals(4, ch.read(buf));
            assertEquals(7, ch.position());
            assertEquals(4, buf.position());
            assertEquals("3456", readSoFar(buf));
        }
    }

    @ParameterizedTest(name = "direct={0}")
    @ValueSource(booleans = {false, true})
    void relativeReadReturnsFewerBytesAtTheEndThenMinusOne(boolean direct) throws IOException {
        // ReadableByteChannel.read: returns "the number of bytes read, possibly zero, or -1 if the channel has
        // reached end-of-stream"
        Path file = file("data", "abc");
        try (var ch = FileChannel.open(file)) {
            var buf = buffer(direct, 16);
            assertEquals(3, ch.read(buf));
            assertEquals(-1, ch.read(buf));
            assertEquals(3, ch.position());
            assertEquals("abc", readSoFar(buf));
        }
    }

    @Test
    void readIntoAFullBufferReturnsZero() throws IOException {
        // ReadableByteChannel.read: "at most r bytes", r being the bytes remaining in the buffer
        Path file = file("data", "abc");
        try (var ch = FileChannel.open(file)) {
            assertEquals(0, ch.read(ByteBuffer.allocate(0)));
            assertEquals(0, ch.position());
        }
    }

    @ParameterizedTest(name = "direct={0}")
    @ValueSource(booleans = {false, true})
    void readFillsOnlyTheRemainingPartOfTheBuffer(boolean direct) throws IOException {
        // ReadableByteChannel.read: bytes go to index p (the buffer's position) up to its limit
        Path file = file("data", "abcdef");
        try (var ch = FileChannel.open(file)) {
            var buf = buffer(direct, 8).position(2).limit(5);
            assertEquals(3, ch.read(buf));
            assertEquals(5, buf.position());
            assertEquals(5, buf.limit());
            byte[] all = new byte[8];
            buf.clear().get(all);
            assertArrayEquals(new byte[] {0, 0, 'a', 'b', 'c', 0, 0, 0}, all);
        }
    }

    @ParameterizedTest(name = "direct={0}")
    @ValueSource(booleans = {false, true})
    void positionalReadDoesNotMoveThePosition(boolean direct) throws IOException {
        // read(ByteBuffer, long): "except that bytes are read starting at the given file position rather than at
        // the channel's current position. This method does not modify this channel's position."
        Path file = file("data", "0123456789");
        try (var ch = FileChannel.open(file)) {
            ch.position(1);
            var buf = buffer(direct, 3);
            assertEquals(3, ch.read(buf, 6));
            assertEquals("678", readSoFar(buf));
            assertEquals(1, ch.position());
        }
    }

    @Test
    void positionalReadAtOrBeyondTheSizeReturnsMinusOne() throws IOException {
        // read(ByteBuffer, long): "If the given position is greater than or equal to the file's current size
        // then no bytes are read" and -1 is returned
        Path file = file("data", "abc");
        try (var ch = FileChannel.open(file)) {
            assertEquals(-1, ch.read(ByteBuffer.allocate(4), 3));
            assertEquals(-1, ch.read(ByteBuffer.allocateDirect(4), 1000));
            assertEquals(2, ch.read(ByteBuffer.allocate(4), 1));
        }
    }

    @Test
    void negativePositionsAreIllegalArguments() throws IOException {
        // read/write(ByteBuffer, long) and position(long): IllegalArgumentException "If the position is negative"
        Path file = file("data", "abc");
        try (var ch = FileChannel.open(file, READ, WRITE)) {
            assertThrows(IllegalArgumentException.class, () -> ch.read(ByteBuffer.allocate(1), -1));
            assertThrows(IllegalArgumentException.class, () -> ch.write(ByteBuffer.wrap(ascii("x")), -1));
            assertThrows(IllegalArgumentException.class, () -> ch.position(-1));
            assertEquals(0, ch.position());
        }
        assertEquals("abc", Files.readString(file));
    }

    @Test
    void argumentErrorsCarryTheJdksMessages() throws IOException {
        // The Javadoc names only the exception types; applications print (and some match) the messages, so these
        // are the JDK's: an IllegalArgumentException without a message for a negative position(long) and for
        // negative transfer arguments, "Negative position" for a positional read or write, and "Mode is null" for
        // map(null, ...)
        Path file = file("data", "abc");
        var sink = java.nio.channels.Channels.newChannel(new java.io.ByteArrayOutputStream());
        var source = java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(ascii("x")));
        try (var ch = FileChannel.open(file, READ, WRITE)) {
            assertNull(assertThrows(IllegalArgumentException.class, () -> ch.position(-1)).getMessage());
            assertNull(assertThrows(IllegalArgumentException.class, () -> ch.transferTo(-1, 1, sink)).getMessage());
            assertNull(assertThrows(IllegalArgumentException.class, () -> ch.transferTo(0, -1, sink)).getMessage());
            assertNull(assertThrows(IllegalArgumentException.class,
                    () -> ch.transferFrom(source, -1, 1)).getMessage());
            assertNull(assertThrows(IllegalArgumentException.class,
                    () -> ch.transferFrom(source, 0, -1)).getMessage());
            assertEquals("Negative position", assertThrows(IllegalArgumentException.class,
                    () -> ch.read(ByteBuffer.allocate(1), -1)).getMessage());
            assertEquals("Mode is null", assertThrows(NullPointerException.class,
                    () -> ch.map(null, 0, 1)).getMessage());
        }
    }

    @ParameterizedTest(name = "direct={0}")
    @ValueSource(booleans = {false, true})
    void relativeWriteStartsAtThePositionAndAdvancesIt(boolean direct) throws IOException {
        // write(ByteBuffer): "Bytes are written starting at this channel's current file position ... and then the
        // position is updated with the number of bytes actually written"; all remaining bytes of the buffer
        Path file = file("data", "0123456789");
        try (var ch = FileChannel.open(file, WRITE)) {
            ch.position(2);
            var src = bytes(direct, "abcd");
            assertEquals(4, ch.write(src));
            assertEquals(0, src.remaining());
            assertEquals(6, ch.position());
            assertEquals(10, ch.size());
        }
        assertEquals("01abcd6789", Files.readString(file));
    }

    @Test
    void writeTakesOnlyTheRemainingBytesOfTheBuffer() throws IOException {
        Path file = path("data");
        try (var ch = FileChannel.open(file, WRITE, CREATE_NEW)) {
            var src = ByteBuffer.wrap(ascii("xxHELLOxx")).position(2).limit(7);
            assertEquals(5, ch.write(src));
            assertEquals(7, src.position());
        }
        assertEquals("HELLO", Files.readString(file));
    }

    @ParameterizedTest(name = "direct={0}")
    @ValueSource(booleans = {false, true})
    void positionalWriteDoesNotMoveThePosition(boolean direct) throws IOException {
        // write(ByteBuffer, long): "This method does not modify this channel's position."
        Path file = file("data", "0123456789");
        try (var ch = FileChannel.open(file, WRITE)) {
            ch.position(1);
            assertEquals(2, ch.write(bytes(direct, "AB"), 7));
            assertEquals(1, ch.position());
        }
        assertEquals("0123456AB9", Files.readString(file));
    }

    @Test
    void positionalWriteBeyondTheSizeGrowsTheFile() throws IOException {
        // write(ByteBuffer, long): "If the given position is greater than the file's current size then the file
        // will be grown to accommodate the new bytes; the values of any bytes between the previous end-of-file and
        // the newly-written bytes are unspecified." Linux fills that gap with zeros (lseek(2)), as the JDK shows.
        Path file = file("data", "ab");
        try (var ch = FileChannel.open(file, READ, WRITE)) {
            assertEquals(2, ch.write(ByteBuffer.wrap(ascii("yz")), 6));
            assertEquals(8, ch.size());
            assertEquals(0, ch.position());
        }
        assertArrayEquals(new byte[] {'a', 'b', 0, 0, 0, 0, 'y', 'z'}, Files.readAllBytes(file));
    }

    @Test
    void settingThePositionBeyondTheSizeDoesNotGrowTheFileAndReadsEndOfFile() throws IOException {
        // position(long): "Setting the position to a value that is greater than the file's current size is legal
        // but does not change the size of the file. A later attempt to read bytes at such a position will
        // immediately return an end-of-file indication."
        Path file = file("data", "abc");
        try (var ch = FileChannel.open(file, READ, WRITE)) {
            assertSame(ch, ch.position(100));
            assertEquals(100, ch.position());
            assertEquals(3, ch.size());
            assertEquals(-1, ch.read(ByteBuffer.allocate(4)));
            assertEquals(100, ch.position());
        }
        assertEquals(3, Files.size(file));
    }

    @Test
    void writingBeyondTheSizeGrowsTheFile() throws IOException {
        // position(long): "A later attempt to write bytes at such a position will cause the file to be grown to
        // accommodate the new bytes"; the gap's bytes are unspecified, zeros on Linux (lseek(2))
        Path file = file("data", "abc");
        try (var ch = FileChannel.open(file, READ, WRITE)) {
            ch.position(5);
            assertEquals(2, ch.write(ByteBuffer.wrap(ascii("XY"))));
            assertEquals(7, ch.position());
            assertEquals(7, ch.size());
        }
        assertArrayEquals(new byte[] {'a', 'b', 'c', 0, 0, 'X', 'Y'}, Files.readAllBytes(file));
    }

    @Test
    void sizeFollowsWritesThroughAnyChannelOfTheSameFile() throws IOException {
        // size(): "the current size of this channel's file"; the class: views of one file by instances in the
        // same program are consistent
        Path file = path("data");
        try (var writer = FileChannel.open(file, WRITE, CREATE_NEW); var reader = FileChannel.open(file)) {
            assertEquals(0, reader.size());
            writer.write(ByteBuffer.wrap(ascii("12345")));
            assertEquals(5, writer.size());
            assertEquals(5, reader.size());
            var buf = ByteBuffer.allocate(8);
            assertEquals(5, reader.read(buf));
            assertEquals("12345", readSoFar(buf));
        }
    }

    @Test
    void appendModeWritesAlwaysGoToTheEnd() throws IOException {
        // append mode: "each invocation of a relative write operation first advances the position to the end of
        // the file and then writes the requested data"
        Path file = file("data", "abc");
        try (var appender = FileChannel.open(file, WRITE, APPEND); var other = FileChannel.open(file, WRITE)) {
            appender.position(0);
            appender.write(ByteBuffer.wrap(ascii("1")));
            assertEquals(4, appender.position());
            other.write(ByteBuffer.wrap(ascii("XYZWV")), 0);
            appender.write(ByteBuffer.wrap(ascii("2")));
            assertEquals(6, appender.position());
        }
        assertEquals("XYZWV2", Files.readString(file));
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void appendsOfLargeHeapBuffersThroughSeparateChannelsNeverInterleave(boolean stream) throws Exception {
        // append mode: "first advances the position to the end of the file and then writes the requested data";
        // the JDK writes a heap buffer with one write(2), which the kernel appends whole: another appender's bytes
        // never land inside it (the Javadoc leaves atomicity to the file system, the JDK's behaviour decides)
        Path file = file("data", "");
        int threads = 4;
        int writes = 4;
        int size = 2 * 1024 * 1024 + 1; // more than a bounce block
        List<Callable<Void>> appenders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t * writes + 1;
            appenders.add(() -> {
                try (var ch = FileChannel.open(file, WRITE, APPEND); var out = Files.newOutputStream(file, APPEND)) {
                    for (int i = 0; i < writes; i++) {
                        byte[] block = new byte[size];
                        Arrays.fill(block, (byte) (first + i));
                        if (stream) {
                            out.write(block);
                        } else {
                            assertEquals(size, ch.write(ByteBuffer.wrap(block)));
                        }
                    }
                }
                return null;
            });
        }
        try (var pool = Executors.newFixedThreadPool(threads)) {
            for (Future<Void> done : pool.invokeAll(appenders)) {
                done.get();
            }
        }
        byte[] all = Files.readAllBytes(file);
        assertEquals((long) threads * writes * size, all.length);
        Set<Byte> seen = new HashSet<>();
        for (int block = 0; block < threads * writes; block++) {
            byte value = all[block * size];
            seen.add(value);
            for (int k = 1; k < size; k++) {
                assertEquals(value, all[block * size + k], "block " + block + " is interleaved at byte " + k);
            }
        }
        assertEquals(threads * writes, seen.size());
    }

    @Test
    void truncateDiscardsTheTailAndClampsThePosition() throws IOException {
        // truncate: "If the given size is less than the file's current size then the file is truncated ... if this
        // channel's file position is greater than the given size then it is set to that size."
        Path file = file("data", "0123456789");
        try (var ch = FileChannel.open(file, READ, WRITE)) {
            ch.position(8);
            assertSame(ch, ch.truncate(4));
            assertEquals(4, ch.size());
            assertEquals(4, ch.position());
            assertEquals(-1, ch.read(ByteBuffer.allocate(1)));
        }
        assertEquals("0123", Files.readString(file));
    }

    @Test
    void truncateKeepsThePositionWhenItIsWithinTheNewSize() throws IOException {
        Path file = file("data", "0123456789");
        try (var ch = FileChannel.open(file, WRITE)) {
            ch.position(2);
            ch.truncate(5);
            assertEquals(2, ch.position());
        }
        assertEquals("01234", Files.readString(file));
    }

    @Test
    void truncateToALargerSizeLeavesTheFileButStillClampsThePosition() throws IOException {
        // truncate: "If the given size is greater than or equal to the file's current size then the file is not
        // modified. In either case, if this channel's file position is greater than the given size then it is
        // set to that size."
        Path file = file("data", "abc");
        try (var ch = FileChannel.open(file, WRITE)) {
            ch.position(50);
            ch.truncate(10);
            assertEquals(3, ch.size());
            assertEquals(10, ch.position());
            ch.truncate(3);
            assertEquals(3, ch.size());
            assertEquals(3, ch.position());
        }
        assertEquals("abc", Files.readString(file));
    }

    @Test
    void truncateRejectsANegativeSizeAndAReadOnlyChannel() throws IOException {
        // truncate: IllegalArgumentException "If the new size is negative"; NonWritableChannelException "If this
        // channel was not opened for writing"
        Path file = file("data", "abc");
        try (var rw = FileChannel.open(file, READ, WRITE); var ro = FileChannel.open(file, READ)) {
            assertThrows(IllegalArgumentException.class, () -> rw.truncate(-1));
            assertThrows(NonWritableChannelException.class, () -> ro.truncate(1));
        }
        assertEquals("abc", Files.readString(file));
    }

    @Test
    void readOnlyChannelRefusesEveryWrite() throws IOException {
        // write: NonWritableChannelException "If this channel was not opened for writing"
        Path file = file("data", "abc");
        try (var ch = FileChannel.open(file, READ)) {
            assertThrows(NonWritableChannelException.class, () -> ch.write(ByteBuffer.wrap(ascii("x"))));
            assertThrows(NonWritableChannelException.class, () -> ch.write(ByteBuffer.wrap(ascii("x")), 0));
            assertThrows(NonWritableChannelException.class,
                    () -> ch.write(new ByteBuffer[] {ByteBuffer.wrap(ascii("x"))}));
        }
        assertEquals("abc", Files.readString(file));
    }

    @Test
    void forceSucceedsWithAndWithoutMetadataAndKeepsTheBytes() throws IOException {
        // force: "Forces any updates to this channel's file to be written to the storage device"; durability is
        // not observable here, so this checks that both forms succeed, on a read-only channel too, and keep data
        Path file = path("data");
        try (var ch = FileChannel.open(file, WRITE, CREATE_NEW)) {
            ch.write(ByteBuffer.wrap(ascii("durable")));
            ch.force(false);
            ch.force(true);
            assertEquals(7, ch.position());
        }
        try (var ch = FileChannel.open(file, READ)) {
            ch.force(true);
        }
        assertEquals("durable", Files.readString(file));
    }

    @Test
    void aLargeFileRoundTripsThroughSmallHeapAndDirectBuffers() throws IOException {
        // 8 MiB of random bytes, written and read in pieces smaller than the file, checked byte for byte
        byte[] data = new byte[8 << 20];
        new java.util.Random(16).nextBytes(data);
        Path file = path("large");
        try (var ch = FileChannel.open(file, WRITE, CREATE_NEW)) {
            var src = ByteBuffer.allocateDirect(64 << 10);
            for (int off = 0; off < data.length; ) {
                src.clear().put(data, off, Math.min(src.capacity(), data.length - off)).flip();
                while (src.hasRemaining()) off += ch.write(src);
            }
            assertEquals(data.length, ch.size());
        }
        assertArrayEquals(data, Files.readAllBytes(file));
        for (boolean direct : new boolean[] {false, true}) {
            byte[] back = new byte[data.length];
            try (var ch = FileChannel.open(file)) {
                var dst = buffer(direct, 100_000);
                int off = 0;
                for (int n; (n = ch.read(dst.clear())) != -1; off += n) {
                    dst.flip().get(back, off, n);
                }
                assertEquals(data.length, off);
            }
            assertArrayEquals(data, back, "direct=" + direct);
        }
    }

    @Test
    void aRelativeReadReturnsTheWrittenBytesAfterRepositioning() throws IOException {
        // SeekableByteChannel: one channel, one position shared by reads and writes
        Path file = path("data");
        try (var ch = FileChannel.open(file, READ, WRITE, CREATE_NEW)) {
            ch.write(ByteBuffer.wrap(ascii("hello world")));
            ch.position(6);
            var buf = ByteBuffer.allocate(5);
            assertEquals(5, ch.read(buf));
            assertEquals("world", readSoFar(buf));
            ch.position(0).write(ByteBuffer.wrap(ascii("J")));
            assertEquals(1, ch.position());
        }
        assertEquals("Jello world", Files.readString(file));
    }

    @Test
    void aRegularFileThatRefusesPositionedWritesTakesRelativeOnes() throws IOException {
        // /proc/thread-self/comm (Linux: the calling thread's name, 15 bytes at most) is a regular file whose
        // pwrite fails with ESPIPE while write(2) works; the JDK's channel writes relatively with write(2), so a
        // relative write and Files.writeString both change it. The name is put back after.
        Path comm = target.fileSystem().getPath("/proc/thread-self/comm");
        assumeTrue(Files.isRegularFile(comm), "no /proc/thread-self/comm");
        String original = Files.readString(comm).strip();
        try {
            try (var ch = FileChannel.open(comm, WRITE)) {
                assertEquals(8, ch.write(ByteBuffer.wrap(ascii("lio-comm"))));
            }
            assertEquals("lio-comm", Files.readString(comm).strip());
            Files.writeString(comm, "lio-comm2");
            assertEquals("lio-comm2", Files.readString(comm).strip());
        } finally {
            Files.writeString(comm, original);
        }
    }
}
