package io.liouring.nio.review;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code FileChannel} edge cases where lio-nio's channel answers differently from the Javadoc or the JDK. */
class FileChannelEdgeReviewTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.liouring.nio.review.FileSystemUnderReview#fileSystems")
    void transferToFromAPositionBeyondTheEndTransfersNothing(String fs, @TempDir Path dir) throws Exception {
        // transferTo: "If the given position is greater than or equal to the file's current size then no bytes
        // are transferred." - for every such position, also one where position + count passes Long.MAX_VALUE.
        Path source = Files.write(dir.resolve("source"), new byte[] {1, 2, 3});
        try (FileChannel in = FileChannel.open(FileSystemUnderReview.path(fs, source), READ);
             FileChannel out = FileChannel.open(FileSystemUnderReview.path(fs, dir.resolve("target")), CREATE, WRITE)) {
            assertEquals(0, in.transferTo(1L << 40, 10, out), fs);
            assertEquals(0, in.transferTo(Long.MAX_VALUE - 1, 10, out), fs);
            assertEquals(0, out.size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.liouring.nio.review.FileSystemUnderReview#fileSystems")
    void aReadFarBeyondTheEndFindsTheEndOfFile(String fs, @TempDir Path dir) throws Exception {
        // read(ByteBuffer, long): "If the given position is greater than the file's current size then no bytes
        // are read" and -1 is returned.
        Path source = Files.write(dir.resolve("source"), new byte[] {1, 2, 3});
        try (FileChannel in = FileChannel.open(FileSystemUnderReview.path(fs, source), READ)) {
            assertEquals(-1, in.read(ByteBuffer.allocate(4), 1L << 40), fs + ", heap");
            assertEquals(-1, in.read(ByteBuffer.allocateDirect(4), 1L << 40), fs + ", direct");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.liouring.nio.review.FileSystemUnderReview#fileSystems")
    void aMissingFileIsReportedAsTheJdkReportsIt(String fs, @TempDir Path dir) {
        // Files.newInputStream / FileChannel.open of a missing file: the JDK's NoSuchFileException carries the
        // path as its file and no reason, so getMessage() is the path; applications print or match it.
        Path missing = dir.resolve("missing");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> Files.newInputStream(FileSystemUnderReview.path(fs, missing)).close());
        assertEquals(missing.toString(), e.getFile());
        assertEquals(missing.toString(), e.getMessage(), fs);
    }
}
