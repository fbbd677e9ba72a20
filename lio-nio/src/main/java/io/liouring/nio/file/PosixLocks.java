package io.liouring.nio.file;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How the channels take a lock: the JVM-wide {@link FileLockTable} first (an overlap fails at once), then an
 * open-file-description record lock with {@code fcntl(F_OFD_SETLK)} (Linux 3.15; io_uring has no lock operation).
 *
 * <p><b>Why not the JDK's {@code F_SETLK}.</b> A classic POSIX lock belongs to the process, and closing any
 * descriptor of the file releases every one the process holds on it: {@code map()}'s channel on
 * {@code /proc/self/fd/N}, a {@code RandomAccessFile} or a JDK channel of the same file would silently drop the
 * locks of this channel. An OFD lock belongs to this channel's open file description, so only this channel's close
 * (or {@link LioFileLock#release()}) releases it. Other processes see no difference: OFD and classic locks conflict
 * with each other as two classic locks of two processes do, so a JDK in another process is kept out as before.
 * Inside this JVM, a lock that a JDK channel holds (a classic lock of this process) now conflicts with ours too; the
 * JDK would throw {@link OverlappingFileLockException} (its table knows its own channels), so when the kernel
 * refuses ours, {@code F_OFD_GETLK} asks who holds the conflicting lock, and if it is this process, the same
 * exception is thrown. (The other way round the JDK cannot know our locks: its {@code tryLock} returns
 * {@code null}, its {@code lock} waits until ours is released.)
 *
 * <p><b>Waiting.</b> The JDK waits in {@code fcntl(F_SETLKW)}, which holds a carrier thread and can be ended by a
 * close only through a signal. Here a lock that another process holds is retried with {@code F_OFD_SETLK} after a
 * park that grows from 1 ms to 50 ms: a virtual thread waits unmounted, an interrupt or a close ends the wait at
 * once or within one pause. The cost: no queueing, so a waiter may see the lock taken again by another process
 * between two tries (POSIX promises no fairness either).
 */
final class PosixLocks {
    /** The first pause between two tries of a lock held elsewhere. */
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** The longest pause. */
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** This process's id, as {@code F_OFD_GETLK} names the holder of a process-owned lock. */
    private static final long OWN_PID = ProcessHandle.current().pid();

    /** Not instantiable. */
    private PosixLocks() {
    }

    /**
     * The size a lock request stands for, checked as {@code FileChannel.lock} checks it: 0 means from
     * {@code position} to the end of any size ({@code Long.MAX_VALUE - position}), as the JDK reads it.
     *
     * @throws IllegalArgumentException if {@code position} or {@code size} is negative, or their sum overflows
     */
    static long checkedSize(long position, long size) {
        if (position < 0) {
            throw new IllegalArgumentException("Negative position");
        }
        if (size < 0) {
            throw new IllegalArgumentException("Negative size");
        }
        if (position + size < 0) {
            throw new IllegalArgumentException("Negative position + size");
        }
        return size == 0 ? Long.MAX_VALUE - position : size;
    }

    /** {@code l_len} for a lock of {@code size} bytes: 0 (to the end of any size) for {@code Long.MAX_VALUE}. */
    static long kernelLength(long size) {
        return size == Long.MAX_VALUE ? 0 : size;
    }

    /**
     * Takes {@code lock} if no other process holds a conflicting one; does not wait.
     *
     * @return {@code lock}, now held, or {@code null} if another process holds a conflicting lock
     * @throws java.nio.channels.OverlappingFileLockException if it overlaps a lock held in this JVM
     * @throws IOException                                    if the kernel refuses otherwise
     */
    static LioFileLock tryLock(LioFileLock lock, RingFile file) throws IOException {
        FileLockTable.add(lock.key(), lock);
        boolean held = false;
        try {
            held = attempt(lock, file);
            return held ? checkStillOpen(lock, file) : null;
        } finally {
            if (!held) {
                FileLockTable.remove(lock.key(), lock);
            }
        }
    }

    /**
     * Takes {@code lock}, waiting while another process holds a conflicting one (see the class comment) until it
     * is free or the file is closed. An interrupted thread's channel is closed by its interruptor, which ends the wait.
     *
     * @return {@code lock}, now held, or {@code null} if the wait ended because the file was closed (the caller's
     *         channel rules say which exception that is)
     * @throws java.nio.channels.OverlappingFileLockException if it overlaps a lock held in this JVM
     */
    static LioFileLock lock(LioFileLock lock, RingFile file) throws IOException {
        register(lock);
        return await(lock, file, () -> false);
    }

    /**
     * The first half of {@link #lock}, on the calling thread: records {@code lock} in the table.
     *
     * @throws java.nio.channels.OverlappingFileLockException if it overlaps a lock held in this JVM
     */
    static void register(LioFileLock lock) {
        FileLockTable.add(lock.key(), lock);
    }

    /**
     * The second half of {@link #lock}, on any thread: waits for the kernel's lock of a {@link #register}ed
     * {@code lock} until it is granted, the file is closed or {@code abandoned} says nobody wants it any more (a
     * cancelled future); if it is not granted, the table entry goes.
     *
     * @return {@code lock}, now held, or {@code null} if the file was closed or the lock abandoned
     */
    static LioFileLock await(LioFileLock lock, RingFile file, BooleanSupplier abandoned) throws IOException {
        boolean held = false;
        try {
            long pause = FIRST_PAUSE_NANOS;
            while (file.isOpen() && !abandoned.getAsBoolean()) {
                if (attempt(lock, file)) {
                    held = true;
                    return checkStillOpen(lock, file);
                }
                if (Thread.currentThread().isInterrupted()) {
                    // The channel's interruptor is closing the channel (it runs after a platform thread is
                    // unparked): the loop ends when it has; parking would return at once.
                    Thread.yield();
                } else {
                    LockSupport.parkNanos(lock, pause);
                    pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
                }
            }
            return null;
        } finally {
            if (!held) {
                FileLockTable.remove(lock.key(), lock);
            }
        }
    }

    /**
     * One {@code F_OFD_SETLK}: whether it was granted; {@code false} if another holder has a conflicting lock.
     *
     * @throws OverlappingFileLockException if the conflicting lock is a process-owned one of this process: one a
     *                                      JDK channel ({@code RandomAccessFile.getChannel()}, ...) of this JVM holds
     */
    private static boolean attempt(LioFileLock lock, RingFile file) throws IOException {
        short type = lock.isShared() ? NativeCalls.F_RDLCK : NativeCalls.F_WRLCK;
        long length = kernelLength(lock.size());
        int result = file.setLock(type, lock.position(), length);
        if (result == 0) {
            return true;
        }
        if (result == -NativeCalls.EAGAIN || result == -NativeCalls.EACCES) {
            if (file.conflictingLockHolder(type, lock.position(), length) == OWN_PID) {
                throw new OverlappingFileLockException();
            }
            return false;
        }
        throw file.lockFailure(result);
    }

    /**
     * Releases the locks acquired through {@code channel} on {@code file}, as the channel's close begins: each record
     * lock is unlocked in the kernel and only then forgotten by the {@link FileLockTable}, all before the close
     * cancels the requests in flight and waits for them, as the JDK releases its locks before it wakes the threads
     * blocked in the channel. A thread that the close wakes, or one that sees the channel closed, finds the regions
     * free: it gets a lock, or {@link OverlappingFileLockException} while the table still has the entry, never the
     * {@code null} that means another program holds the region.
     */
    static void releaseAll(RingFile file, Channel channel) {
        FileKey key = file.knownKey();
        if (key == null) {
            return; // no lock was ever asked for
        }
        for (FileLock lock : FileLockTable.acquiredBy(key, channel)) {
            ((LioFileLock) lock).releaseForClose();
        }
        FileLockTable.removeAll(key, channel);
    }

    /**
     * A lock granted while its channel was being closed is not kept: the close may have released the channel's locks
     * already ({@link #releaseAll}), so this one is unlocked and forgotten here.
     */
    private static LioFileLock checkStillOpen(LioFileLock lock, RingFile file) throws IOException {
        if (!file.isOpen() || !lock.acquiredBy().isOpen()) {
            lock.releaseForClose();
            FileLockTable.remove(lock.key(), lock);
            throw new AsynchronousCloseException();
        }
        return lock;
    }
}
