package io.liouring.nio.review;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every kind of {@link ByteBuffer} a caller may hand to a file channel: read-only heap buffers are valid sources
 * of a write, and a buffer whose arena is closed must be refused before any byte of freed memory is touched.
 */
class FileChannelBufferKindsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.liouring.nio.review.FileSystemUnderReview#fileSystems")
    void aReadOnlyHeapBufferCanBeWritten(String fs, @TempDir Path dir) throws Exception {
        // FileChannel.write(ByteBuffer) names no restriction on the source buffer; a read-only buffer has no
        // accessible array (ByteBuffer.array() throws ReadOnlyBufferException).
        Path file = FileSystemUnderReview.path(fs, dir.resolve("data"));
        ByteBuffer src = ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
        try (FileChannel ch = FileChannel.open(file, CREATE, WRITE)) {
            assertEquals(5, ch.write(src));
            assertEquals(0, src.remaining());
        }
        assertEquals("hello", Files.readString(dir.resolve("data")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.liouring.nio.review.FileSystemUnderReview#fileSystems")
    void aReadOnlyHeapBufferCanBeWrittenAsynchronously(String fs, @TempDir Path dir) throws Exception {
        Path file = FileSystemUnderReview.path(fs, dir.resolve("data"));
        ByteBuffer src = ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
        try (AsynchronousFileChannel ch = AsynchronousFileChannel.open(file, CREATE, WRITE)) {
            assertEquals(5, ch.write(src, 0).get(ChannelUnderTest.WAIT_SECONDS, TimeUnit.SECONDS));
        }
        assertEquals("hello", Files.readString(dir.resolve("data")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.liouring.nio.review.FileSystemUnderReview#fileSystems")
    void aBufferOfAClosedArenaIsRefused(String fs, @TempDir Path dir) throws Exception {
        // The JDK acquires a buffer's arena for the duration of an I/O operation, so a closed one fails with
        // IllegalStateException ("Already closed"). One MiB is mapped and unmapped on its own, so without that
        // check the kernel reads unmapped memory (EFAULT) rather than another object's bytes.
        Path file = FileSystemUnderReview.path(fs, dir.resolve("data"));
        Arena arena = Arena.ofShared();
        ByteBuffer src = arena.allocate(1 << 20).asByteBuffer();
        arena.close();
        try (FileChannel ch = FileChannel.open(file, CREATE, WRITE)) {
            assertThrows(IllegalStateException.class, () -> ch.write(src), fs);
        }
        assertEquals(0, Files.size(dir.resolve("data")));
    }
}
