package io.liouring.nio.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Locks of {@link LioFileChannel}: POSIX record locks seen by another process ({@code flock(1)} cannot show
 * fcntl locks, so a second JVM-free process is a child {@code java} running {@link LockHolder}), the JVM-wide
 * overlap rule, and release.
 */
class LioFileChannelLockTest {
    @TempDir
    Path dir;

    private Path file() throws IOException {
        Path f = dir.resolve("locked");
        Files.write(f, new byte[100]);
        return f;
    }

    @Test
    void exclusiveAndSharedLocksFollowTheAccessRules() throws IOException {
        Path f = file();
        try (FileChannel ro = LioFileChannel.open(f, Set.of(READ)); FileChannel wo = LioFileChannel.open(f, Set.of(WRITE))) {
            assertThrows(NonWritableChannelException.class, () -> ro.lock());
            assertThrows(NonWritableChannelException.class, () -> ro.tryLock(0, 1, false));
            assertThrows(NonReadableChannelException.class, () -> wo.lock(0, 1, true));
            FileLock shared = ro.lock(0, 10, true);
            assertTrue(shared.isShared());
            assertTrue(shared.isValid());
            assertEquals(0, shared.position());
            assertEquals(10, shared.size());
            assertEquals(ro, shared.acquiredBy());
            FileLock exclusive = wo.tryLock(10, 5, false);
            assertNotNull(exclusive);
            assertFalse(exclusive.isShared());
        }
    }

    @Test
    void overlappingLocksInOneJvmFailAcrossChannelsAndFileNames() throws IOException {
        Path f = file();
        Path link = Files.createLink(dir.resolve("hardlink"), f);
        try (FileChannel a = LioFileChannel.open(f, Set.of(READ, WRITE));
             FileChannel b = LioFileChannel.open(link, Set.of(READ, WRITE))) {
            FileLock held = a.lock(10, 10, false);
            assertThrows(OverlappingFileLockException.class, () -> a.lock(15, 1, true));
            assertThrows(OverlappingFileLockException.class, () -> b.tryLock(0, 11, false));
            FileLock beside = b.tryLock(20, 5, false); // touches, does not overlap
            assertNotNull(beside);
            held.release();
            assertFalse(held.isValid());
            held.release(); // a released lock: nothing to do
            assertNotNull(b.tryLock(10, 10, false));
        }
    }

    @Test
    void sizeZeroLocksToTheEndOfAnySizeAsTheJdkReadsIt() throws IOException {
        try (FileChannel ch = LioFileChannel.open(file(), Set.of(READ, WRITE))) {
            FileLock lock = ch.lock(3, 0, false);
            assertEquals(Long.MAX_VALUE - 3, lock.size());
            assertThrows(OverlappingFileLockException.class, () -> ch.tryLock(1L << 40, 1, false));
            assertThrows(IllegalArgumentException.class, () -> ch.lock(-1, 1, false));
            assertThrows(IllegalArgumentException.class, () -> ch.lock(0, -1, false));
        }
    }

    @Test
    void closingTheChannelInvalidatesItsLocksAndFreesTheRange() throws IOException {
        Path f = file();
        FileChannel ch = LioFileChannel.open(f, Set.of(READ, WRITE));
        FileLock lock = ch.lock();
        ch.close();
        assertFalse(lock.isValid());
        assertThrows(ClosedChannelException.class, lock::release);
        try (FileChannel again = LioFileChannel.open(f, Set.of(READ, WRITE))) {
            assertNotNull(again.tryLock());
        }
    }

    @Test
    void anotherProcessSeesTheLockAndWaitersGetItWhenReleased() throws Exception {
        Path f = file();
        try (FileChannel ch = LioFileChannel.open(f, Set.of(READ, WRITE))) {
            FileLock lock = ch.lock(0, 50, false);
            assertEquals("busy", LockHolder.tryInChild(f, 0, 50));
            assertEquals("locked", LockHolder.tryInChild(f, 50, 50));
            lock.release();
            assertEquals("locked", LockHolder.tryInChild(f, 0, 50));
        }
    }

    @Test
    void aLockHeldByAnotherProcessIsWaitedForOnAVirtualThreadAndAnInterruptClosesTheChannel() throws Exception {
        Path f = file();
        try (LockHolder.Child holder = LockHolder.holdInChild(f, 0, 10)) {
            try (FileChannel ch = LioFileChannel.open(f, Set.of(READ, WRITE))) {
                assertNull(ch.tryLock(0, 10, false));
                CompletableFuture<Throwable> outcome = new CompletableFuture<>();
                Thread waiter = Thread.ofVirtual().start(() -> {
                    try {
                        ch.lock(0, 10, false);
                        outcome.complete(null);
                    } catch (Throwable t) {
                        outcome.complete(t);
                    }
                });
                Thread.sleep(100); // let it wait a little: the assertion holds whether or not it already does
                waiter.interrupt();
                // FileChannel.lock: FileLockInterruptionException "If the invoking thread is interrupted while
                // blocked in this method"; the interrupt closes the channel as with any interruptible call
                assertInstanceOf(FileLockInterruptionException.class, outcome.get(30, TimeUnit.SECONDS));
                assertFalse(ch.isOpen());
            }
            try (FileChannel ch = LioFileChannel.open(f, Set.of(READ, WRITE))) {
                CompletableFuture<Throwable> outcome = new CompletableFuture<>();
                Thread.ofVirtual().start(() -> {
                    try {
                        ch.lock(0, 10, false);
                        outcome.complete(null);
                    } catch (Throwable t) {
                        outcome.complete(t);
                    }
                });
                Thread.sleep(100);
                ch.close();
                assertInstanceOf(AsynchronousCloseException.class, outcome.get(30, TimeUnit.SECONDS));
            }
            try (FileChannel ch = LioFileChannel.open(f, Set.of(READ, WRITE))) {
                CompletableFuture<FileLock> granted = CompletableFuture.supplyAsync(() -> {
                    try {
                        return ch.lock(0, 10, false);
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }, r -> Thread.ofVirtual().start(r));
                holder.release();
                FileLock lock = granted.get(30, TimeUnit.SECONDS);
                assertTrue(lock.isValid());
                assertEquals("busy", LockHolder.tryInChild(f, 0, 10));
            }
        }
    }

    @Test
    void theLockBytesAreStillReadable() throws IOException {
        Path f = file();
        try (FileChannel ch = LioFileChannel.open(f, Set.of(READ, WRITE))) {
            ch.lock();
            ch.write(ByteBuffer.wrap(new byte[] {7}), 99);
        }
        assertEquals(List.of((byte) 7), List.of(Files.readAllBytes(f)[99]));
    }
}
