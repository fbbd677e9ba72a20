package io.liouring.nio.file.conformance;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code ScatteringByteChannel.read(ByteBuffer[], int, int)} and {@code GatheringByteChannel.write(...)}. */
class FileChannelScatterGatherConformanceTest extends FileSystemConformance {

    @Test
    void scatteringReadFillsTheBuffersInOrder() throws IOException {
        // ScatteringByteChannel.read: "the bytes are transferred into each buffer in turn ... as if by read(dst)",
        // and the file position advances by the total
        Path file = file("data", "abcdefghij");
        try (var ch = FileChannel.open(file)) {
            var a = ByteBuffer.allocate(3);
            var b = ByteBuffer.allocateDirect(4);
            var c = ByteBuffer.allocate(5);
            assertEquals(10, ch.read(new ByteBuffer[] {a, b, c}));
            assertEquals("abc", readSoFar(a));
            assertEquals("defg", readSoFar(b));
            assertEquals("hij", readSoFar(c));
            assertEquals(10, ch.position());
            assertEquals(-1, ch.read(new ByteBuffer[] {ByteBuffer.allocate(1)}));
        }
    }

    @Test
    void scatteringReadUsesOnlyTheSubsequenceGivenByOffsetAndLength() throws IOException {
        // read(dsts, offset, length): offset is "the first buffer ... into which bytes are to be transferred",
        // length "the maximum number of buffers to be accessed"
        Path file = file("data", "abcdefgh");
        try (var ch = FileChannel.open(file)) {
            var skipped = ByteBuffer.allocate(2);
            var first = ByteBuffer.allocate(2);
            var second = ByteBuffer.allocate(3);
            var untouched = ByteBuffer.allocate(8);
            assertEquals(5, ch.read(new ByteBuffer[] {skipped, first, second, untouched}, 1, 2));
            assertEquals(0, skipped.position());
            assertEquals("ab", readSoFar(first));
            assertEquals("cde", readSoFar(second));
            assertEquals(0, untouched.position());
            assertEquals(5, ch.position());
        }
    }

    @Test
    void scatteringReadRejectsAnOffsetOrLengthOutsideTheArray() throws IOException {
        // read(dsts, offset, length): IndexOutOfBoundsException "If the preconditions on the offset and length
        // parameters do not hold" (offset in [0, dsts.length], length in [0, dsts.length - offset])
        Path file = file("data", "abc");
        try (var ch = FileChannel.open(file)) {
            var dsts = new ByteBuffer[] {ByteBuffer.allocate(2), ByteBuffer.allocate(2)};
            assertThrows(IndexOutOfBoundsException.class, () -> ch.read(dsts, -1, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> ch.read(dsts, 0, -1));
            assertThrows(IndexOutOfBoundsException.class, () -> ch.read(dsts, 3, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> ch.read(dsts, 1, 2));
            assertEquals(0, ch.position());
            assertEquals(0, dsts[0].position());
            assertEquals(0, ch.read(dsts, 2, 0));
        }
    }

    @Test
    void gatheringWriteTakesTheBuffersInOrder() throws IOException {
        // GatheringByteChannel.write: "bytes are transferred from each buffer in turn"; the file position moves on
        Path file = path("data");
        try (var ch = FileChannel.open(file, WRITE, CREATE_NEW)) {
            var srcs = new ByteBuffer[] {
                    ByteBuffer.wrap(ascii("one-")), direct("two-"), ByteBuffer.wrap(ascii("three"))};
            assertEquals(13, ch.write(srcs));
            assertEquals(13, ch.position());
            for (var src : srcs) assertEquals(0, src.remaining());
        }
        assertEquals("one-two-three", Files.readString(file));
    }

    @Test
    void gatheringWriteUsesOnlyTheSubsequenceGivenByOffsetAndLength() throws IOException {
        Path file = path("data");
        try (var ch = FileChannel.open(file, WRITE, CREATE_NEW)) {
            var srcs = new ByteBuffer[] {
                    ByteBuffer.wrap(ascii("no")), ByteBuffer.wrap(ascii("yes")), direct("!"), ByteBuffer.wrap(ascii("no"))};
            assertEquals(4, ch.write(srcs, 1, 2));
            assertEquals(2, srcs[0].remaining());
            assertEquals(2, srcs[3].remaining());
        }
        assertEquals("yes!", Files.readString(file));
    }

    @Test
    void gatheringWriteRejectsAnOffsetOrLengthOutsideTheArray() throws IOException {
        // write(srcs, offset, length): IndexOutOfBoundsException "If the preconditions on the offset and length
        // parameters do not hold"
        Path file = path("data");
        try (var ch = FileChannel.open(file, READ, WRITE, CREATE_NEW)) {
            var srcs = new ByteBuffer[] {ByteBuffer.wrap(ascii("ab")), ByteBuffer.wrap(ascii("cd"))};
            assertThrows(IndexOutOfBoundsException.class, () -> ch.write(srcs, -1, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> ch.write(srcs, 0, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> ch.write(srcs, 2, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> ch.write(srcs, 1, -1));
            assertEquals(0, ch.size());
            assertEquals(2, srcs[0].remaining());
        }
    }

    @Test
    void aScatteringReadLargerThanTheFileStopsAtItsEnd() throws IOException {
        Path file = file("data", "xyz");
        try (var ch = FileChannel.open(file)) {
            var a = ByteBuffer.allocate(2);
            var b = ByteBuffer.allocateDirect(4);
            assertEquals(3, ch.read(new ByteBuffer[] {a, b}));
            assertEquals("xy", readSoFar(a));
            assertEquals("z", readSoFar(b));
        }
    }

    @Test
    void gatheringAppendsThroughSeparateChannelsKeepTheirBuffersTogether() throws Exception {
        // append mode: the position "is first advanced to the end of the file" and then the bytes are written; the
        // JDK appends all the buffers with one writev(2), so another appender's bytes never land between two of
        // them (the Javadoc leaves atomicity to the file system, the JDK's behaviour decides)
        Path file = Files.createFile(path("data"));
        int threads = 4;
        int records = 500;
        int part = 100;
        List<Callable<Void>> appenders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            appenders.add(() -> {
                try (var ch = FileChannel.open(file, WRITE, APPEND)) {
                    for (int r = 0; r < records; r++) {
                        ByteBuffer[] record = new ByteBuffer[3];
                        for (int k = 0; k < 3; k++) {
                            byte[] bytes = new byte[part];
                            Arrays.fill(bytes, (byte) (id * 3 + k + 1));
                            record[k] = k == 1 ? ByteBuffer.allocateDirect(part).put(bytes).flip() : ByteBuffer.wrap(bytes);
                        }
                        assertEquals(3L * part, ch.write(record));
                        assertEquals(0, record[2].remaining());
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
        assertEquals(threads * records * 3 * part, all.length);
        for (int r = 0; r < all.length / (3 * part); r++) {
            int start = r * 3 * part;
            int id = (all[start] - 1) / 3;
            for (int k = 0; k < 3 * part; k++) {
                assertEquals((byte) (id * 3 + k / part + 1), all[start + k], "record " + r + " is broken at byte " + k);
            }
        }
    }

    private static ByteBuffer direct(String text) {
        return ByteBuffer.allocateDirect(text.length()).put(ascii(text)).flip();
    }
}
