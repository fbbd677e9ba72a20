package io.liouring.nio.file.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
import java.nio.file.Path;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@code FileChannel.lock}/{@code tryLock} and {@code FileLock}: within this JVM and against another process. */
// "try": some resources are held for their scope only (another process's lock), some are closed early on purpose
@SuppressWarnings("try")
class FileLockConformanceTest extends FileSystemConformance {

    @Test
    void aLockDescribesItsRegionChannelAndMode() throws IOException {
        // FileLock: channel(), position(), size(), isShared(), isValid(), overlaps()
        Path file = file("data", "0123456789");
        try (var ch = FileChannel.open(file, READ, WRITE)) {
            FileLock lock = ch.lock(2, 5, false);
            assertSame(ch, lock.channel());
            assertSame(ch, lock.acquiredBy());
            assertEquals(2, lock.position());
            assertEquals(5, lock.size());
            assertFalse(lock.isShared());
            assertTrue(lock.isValid());
            assertTrue(lock.overlaps(6, 10));
            assertFalse(lock.overlaps(7, 10));
            assertFalse(lock.overlaps(0, 2));
            lock.release();
            assertFalse(lock.isValid());
        }
    }

    @Test
    void theNoArgumentLockCoversEverythingExclusively() throws IOException {
        // lock(): "An invocation of this method ... behaves in exactly the same way as ch.lock(0L, Long.MAX_VALUE,
        // false)"; tryLock() likewise
        Path file = file("data", "abc");
        try (var ch = FileChannel.open(file, READ, WRITE)) {
            try (var lock = ch.lock()) {
                assertEquals(0, lock.position());
                assertEquals(Long.MAX_VALUE, lock.size());
                assertFalse(lock.isShared());
            }
            try (var lock = ch.tryLock()) {
                assertNotNull(lock);
                assertEquals(Long.MAX_VALUE, lock.size());
            }
        }
    }

    @Test
    void aSizeOfZeroLocksToTheEndOfAnyFile() throws IOException {
        // lock(position, size, shared): with a non-negative position and a size of zero, "a lock of size
        // Long.MAX_VALUE - position is acquired": it covers every byte from position on
        Path file = file("data", "abc");
        try (var ch = FileChannel.open(file, READ, WRITE); var lock = ch.lock(10, 0, false)) {
            assertEquals(Long.MAX_VALUE - 10, lock.size());
            assertTrue(lock.overlaps(1L << 40, 1));
            assertThrows(OverlappingFileLockException.class, () -> ch.tryLock(Long.MAX_VALUE / 2, 1, false));
        }
    }

    @Test
    void overlappingLocksWithinTheJvmAreRefused() throws IOException {
        // lock/tryLock: OverlappingFileLockException "If a lock that overlaps the requested region is already held
        // by this Java virtual machine"
        Path file = file("data", "0123456789");
        try (var ch = FileChannel.open(file, READ, WRITE); var lock = ch.lock(0, 5, false)) {
            assertThrows(OverlappingFileLockException.class, () -> ch.lock(4, 2, false));
            assertThrows(OverlappingFileLockException.class, () -> ch.tryLock(0, 1, true));
            try (var disjoint = ch.tryLock(5, 5, false)) {
                assertNotNull(disjoint);
                assertTrue(lock.isValid());
            }
        }
    }

    @Test
    void overlappingLocksAreRefusedAcrossTwoChannelsOfTheSameFile() throws IOException {
        // FileLock: locks "are held on behalf of the entire Java virtual machine", so a second channel of the same
        // file in this JVM also gets OverlappingFileLockException, even for shared locks
        Path file = file("data", "0123456789");
        try (var one = FileChannel.open(file, READ, WRITE); var two = FileChannel.open(file, READ, WRITE)) {
            try (var lock = one.lock(0, 10, true)) {
                assertThrows(OverlappingFileLockException.class, () -> two.lock(5, 1, true));
                assertThrows(OverlappingFileLockException.class, () -> two.tryLock(0, 10, false));
                assertTrue(lock.isValid());
            }
            try (var afterRelease = two.tryLock(0, 10, false)) {
                assertNotNull(afterRelease);
            }
        }
    }

    @Test
    void sharedLocksNeedReadingAndExclusiveLocksNeedWriting() throws IOException {
        // lock/tryLock: NonReadableChannelException "If shared is true but this channel was not opened for
        // reading"; NonWritableChannelException "If shared is false but this channel was not opened for writing"
        Path file = file("data", "abc");
        try (var ro = FileChannel.open(file, READ)) {
            assertThrows(NonWritableChannelException.class, () -> ro.lock(0, 3, false));
            assertThrows(NonWritableChannelException.class, ro::tryLock);
            try (var shared = ro.lock(0, 3, true)) {
                assertTrue(shared.isShared());
            }
        }
        try (var wo = FileChannel.open(file, WRITE)) {
            assertThrows(NonReadableChannelException.class, () -> wo.lock(0, 3, true));
            assertThrows(NonReadableChannelException.class, () -> wo.tryLock(0, 3, true));
            try (var exclusive = wo.tryLock(0, 3, false)) {
                assertNotNull(exclusive);
            }
        }
    }

    @Test
    void lockRejectsNegativeArguments() throws IOException {
        // lock/tryLock: IllegalArgumentException "If the preconditions on the parameters do not hold"
        Path file = file("data", "abc");
        try (var ch = FileChannel.open(file, READ, WRITE)) {
            assertThrows(IllegalArgumentException.class, () -> ch.lock(-1, 1, false));
            assertThrows(IllegalArgumentException.class, () -> ch.lock(0, -1, false));
            assertThrows(IllegalArgumentException.class, () -> ch.tryLock(-1, 1, true));
            assertThrows(IllegalArgumentException.class, () -> ch.tryLock(Long.MAX_VALUE, 2, false));
        }
    }

    @Test
    void closingTheChannelReleasesItsLocks() throws IOException {
        // FileLock: "A file-lock object is valid until it is released by invoking the release method, by closing the
        // channel that was used to acquire it, or by the termination of the Java virtual machine"; release on a
        // closed channel: ClosedChannelException
        Path file = file("data", "abc");
        var ch = FileChannel.open(file, READ, WRITE);
        FileLock lock = ch.lock();
        ch.close();
        assertFalse(lock.isValid());
        assertThrows(ClosedChannelException.class, lock::release);
        try (var again = FileChannel.open(file, READ, WRITE); var relocked = again.tryLock()) {
            assertNotNull(relocked);
        }
    }

    @Test
    void releasingTwiceHasNoEffect() throws IOException {
        // FileLock.release: "If this lock object is valid then invoking this method releases the lock and renders
        // the object invalid. If this lock object is invalid then invoking this method has no effect."
        Path file = file("data", "abc");
        try (var ch = FileChannel.open(file, READ, WRITE)) {
            FileLock lock = ch.lock();
            lock.release();
            lock.release();
            assertFalse(lock.isValid());
        }
    }

    @Test
    void aLockHeldByAnotherProcessMakesTryLockReturnNull() throws Exception {
        // tryLock: returns "A lock object representing the newly-acquired lock, or null if the lock could not be
        // acquired because another program holds an overlapping lock"
        Path file = file("data", "0123456789");
        try (var ch = FileChannel.open(file, READ, WRITE)) {
            try (var other = OtherProcessLock.hold(tempDir, file, 0, 5, false)) {
                assertNull(ch.tryLock(0, 5, false));
                assertNull(ch.tryLock(4, 1, true));
                try (var disjoint = ch.tryLock(5, 5, false)) {
                    assertNotNull(disjoint, "a region the other process does not hold");
                }
            }
            try (var free = ch.tryLock(0, 5, false)) {
                assertNotNull(free, "the other process has released it");
            }
        }
    }

    @Test
    void sharedLocksOfTwoProcessesCoexist() throws Exception {
        // FileLock: "A shared lock prevents other concurrently-running programs from acquiring an overlapping
        // exclusive lock, but does allow them to acquire overlapping shared locks."
        Path file = file("data", "0123456789");
        try (var ch = FileChannel.open(file, READ, WRITE);
             var other = OtherProcessLock.hold(tempDir, file, 0, 10, true)) {
            try (var shared = ch.tryLock(0, 10, true)) {
                assertNotNull(shared);
            }
            assertNull(ch.tryLock(0, 10, false));
        }
    }

    @Test
    void lockWaitsUntilAnotherProcessReleases() throws Exception {
        // lock: "An invocation of this method will block until the region can be locked"
        Path file = file("data", "0123456789");
        try (var ch = FileChannel.open(file, READ, WRITE)) {
            var other = OtherProcessLock.hold(tempDir, file, 0, 10, false);
            try (var waiter = Blocked.start(false, () -> ch.lock(0, 10, false))) {
                waiter.awaitInside("lock");
                assertFalse(waiter.isDone(), "lock() returned while another process held the region");
                other.close();
                FileLock lock = waiter.result();
                assertTrue(lock.isValid());
                lock.release();
            } finally {
                other.close();
            }
        }
    }

    @ParameterizedTest(name = "virtual={0}")
    @ValueSource(booleans = {false, true})
    void tryLockDoesNotBlockSoAnInterruptStatusNeitherFailsItNorClosesTheChannel(boolean virtual) throws Exception {
        // tryLock: "This method does not block. An invocation always returns immediately, either having acquired a
        // lock on the requested region or having failed to do so", null if another program holds an overlapping
        // lock; its Throws clause has no ClosedByInterruptException, which (AbstractInterruptibleChannel) only a
        // blocking I/O operation gives. So a thread whose interrupt status is set gets the lock, or null, the
        // channel stays open and the status stays set. (H2's retry: file system calls tryLock right after clearing
        // an interrupt, with the next one possibly already pending.)
        Path file = file("data", "0123456789");
        try (var ch = FileChannel.open(file, READ, WRITE)) {
            try (var call = Blocked.start(virtual, () -> {
                Thread.currentThread().interrupt();
                FileLock lock = ch.tryLock(0, 5, false);
                boolean valid = lock.isValid();
                lock.release();
                return valid;
            })) {
                assertTrue(call.result(), "the lock tryLock gave");
                assertTrue(call.interruptStatusAtEnd(), "interrupt status kept");
            }
            assertTrue(ch.isOpen(), "channel open after tryLock by an interrupted thread");
            try (var other = OtherProcessLock.hold(tempDir, file, 5, 5, false);
                 var call = Blocked.start(virtual, () -> {
                     Thread.currentThread().interrupt();
                     return ch.tryLock(5, 5, false) == null;
                 })) {
                assertTrue(call.result(), "null for a region another process holds");
                assertTrue(call.interruptStatusAtEnd(), "interrupt status kept");
            }
            assertTrue(ch.isOpen(), "channel open after a refused tryLock by an interrupted thread");
        }
    }

    @Test
    void aThreadWokenByTheCloseOfItsChannelFindsTheChannelsLockReleased() throws Exception {
        // FileLock: valid "until the lock is released ..., by closing the channel that was used to acquire it";
        // tryLock returns null only "if the lock could not be acquired because another program holds an overlapping
        // lock". A thread blocked in a channel that a close wakes (AsynchronousCloseException), which then locks the
        // same region through another channel of this JVM, must get the lock: the closed channel's lock is released,
        // and no other program holds one. (H2's retry: file system does this when a channel it shares between threads
        // is closed by an interrupt.) Repeated, as the woken thread races the rest of the close.
        Path fifo = Fifo.create(path("fifo"));
        for (int round = 0; round < 10; round++) {
            var ch = FileChannel.open(fifo, READ, WRITE);
            assertNotNull(ch.tryLock(0, 5, false));
            try (var reader = Blocked.start(false, () -> {
                try {
                    ch.read(ByteBuffer.allocate(1));
                    return "read returned";
                } catch (AsynchronousCloseException e) {
                    try (var other = FileChannel.open(fifo, READ, WRITE)) {
                        return other.tryLock(0, 5, false) == null ? "null" : "granted";
                    }
                }
            })) {
                reader.awaitInside("read");
                ch.close();
                assertEquals("granted", reader.result(), "round " + round);
            }
        }
    }

    @Test
    void interruptingAThreadWaitingForALockThrowsFileLockInterruption() throws Exception {
        // lock: FileLockInterruptionException "If the invoking thread is interrupted while blocked in this method";
        // its interrupt status is set. (What becomes of the channel is not specified for this case.)
        Path file = file("data", "0123456789");
        try (var ch = FileChannel.open(file, READ, WRITE);
             var other = OtherProcessLock.hold(tempDir, file, 0, 10, false);
             var waiter = Blocked.start(false, () -> ch.lock(0, 10, false))) {
            waiter.awaitInside("lock");
            waiter.interrupt();
            assertInstanceOf(FileLockInterruptionException.class, waiter.failure());
            assertTrue(waiter.interruptStatusAtEnd());
        }
    }

    @Test
    void closingTheChannelWakesAThreadWaitingForALock() throws Exception {
        // lock: AsynchronousCloseException "If another thread closes this channel while the invoking thread is
        // blocked in this method". A close that wins the race before lock() blocks gives ClosedChannelException;
        // that attempt says nothing and is repeated.
        Path file = file("data", "0123456789");
        try (var other = OtherProcessLock.hold(tempDir, file, 0, 10, false)) {
            for (int attempt = 1; ; attempt++) {
                Throwable failure;
                try (var ch = FileChannel.open(file, READ, WRITE);
                     var waiter = Blocked.start(false, () -> ch.lock(0, 10, false))) {
                    waiter.awaitInside("lock");
                    ch.close();
                    failure = waiter.failure();
                }
                assertInstanceOf(ClosedChannelException.class, failure);
                if (failure instanceof AsynchronousCloseException) return;
                if (attempt == 3) fail("the close never caught lock() blocked: " + failure);
            }
        }
    }
}
