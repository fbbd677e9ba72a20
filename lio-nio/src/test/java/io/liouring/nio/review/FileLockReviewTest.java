package io.liouring.nio.review;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File locks as the {@code FileLock} Javadoc promises them, seen from this JVM and from another process. */
class FileLockReviewTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.liouring.nio.review.FileSystemUnderReview#fileSystems")
    void mappingTheFileDoesNotReleaseALockOfTheChannel(String fs, @TempDir Path dir) throws Exception {
        // FileLock: "A file-lock object is initially valid. It remains valid until the lock is released by invoking
        // the release method, by closing the channel that was used to acquire it, or by the termination of the
        // Java virtual machine". Mapping a region closes nothing, so the lock must still keep others out.
        Path jdkFile = Files.write(dir.resolve("data"), new byte[4096]);
        try (FileChannel ch = FileChannel.open(FileSystemUnderReview.path(fs, jdkFile), READ, WRITE);
             FileLock lock = ch.lock()) {
            assertFalse(OtherProcess.canLock(jdkFile, dir), "the lock does not keep another process out at all");
            MappedByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, 4096);
            assertEquals(0, mapped.get(0));
            assertTrue(lock.isValid());
            assertFalse(OtherProcess.canLock(jdkFile, dir),
                    fs + ": after map(), another process can take a lock this JVM still holds");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.liouring.nio.review.FileSystemUnderReview#fileSystems")
    void aLockOverlappingOneOfARandomAccessFileChannelIsRefused(String fs, @TempDir Path dir) throws Exception {
        // FileChannel.lock: OverlappingFileLockException "If a lock that overlaps the requested region is already
        // held by this Java virtual machine". RandomAccessFile.getChannel() is the JDK's own channel even when
        // lio-nio is the default provider, so both must share one view of the locks the JVM holds.
        Path jdkFile = Files.write(dir.resolve("data"), new byte[16]);
        try (RandomAccessFile raf = new RandomAccessFile(jdkFile.toFile(), "rw");
             FileLock held = raf.getChannel().lock();
             FileChannel ch = FileChannel.open(FileSystemUnderReview.path(fs, jdkFile), READ, WRITE)) {
            assertTrue(held.isValid());
            assertThrows(OverlappingFileLockException.class, ch::tryLock,
                    fs + ": two overlapping locks granted inside one JVM");
        }
    }
}
