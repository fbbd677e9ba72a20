package io.liouring.nio.file;

import io.liouring.OpenFlags;
import io.liouring.PathBytes;
import io.liouring.async.FdHandle;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The system calls a platform thread makes itself where the JDK's channel would block it too, and with the same
 * calls: a read or write that the page cache could not serve at once ({@code pread(2)}, {@code pwrite(2)}) of a
 * regular file, a block device, or {@code /dev/null} and its kin; an open ({@code openat2(2)});
 * {@code fsync(2)}/{@code fdatasync(2)}; {@code ftruncate(2)}. A platform thread has no carrier to free, and one
 * system call costs it far less than a ring request, which io_uring hands to an io-wq worker and completes through
 * the event loop (ext4 refuses every buffered {@code RWF_NOWAIT} write: 512-byte writes took 22–40 µs through the
 * ring against 2–7 µs for the JDK's {@code pwrite}; an open that creates a file, which io_uring always runs in a
 * worker, 40 µs more than the JDK's). A call on a descriptor holds a reference to it, so a close waits for it:
 * bounded for such files, which is why the reads and writes of pipes, terminals and other devices, which may wait
 * for a peer, stay on the ring. Its errno capture is the calling thread's own, so that any number of platform
 * threads may wait at once without holding one of the {@link CallSlots}: made on the thread's first such call and
 * freed by the garbage collector after the thread has ended. A thread makes one call at a time, so its capture is
 * never in use twice.
 */
final class WaitingCalls {
    /** Each platform thread's errno capture. */
    private static final ThreadLocal<MemorySegment> ERRNO_STATES =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(NativeCalls.ERRNO_STATE_SIZE, 8));

    private WaitingCalls() {
    }

    /** {@code pread(fd, memory, size, position)}: bytes read (0 at end of file), or {@code -errno}. */
    static long read(FdHandle handle, MemorySegment memory, long position) throws ClosedChannelException {
        MemorySegment errno = ERRNO_STATES.get();
        return handle.withDescriptor(fd -> NativeCalls.pread(errno, fd, memory, position));
    }

    /**
     * {@code pwrite(fd, memory, size, position)}, or with position -1 {@code write} at the file position (the end
     * with {@code O_APPEND}): bytes written, or {@code -errno}.
     */
    static long write(FdHandle handle, MemorySegment memory, long position) throws ClosedChannelException {
        MemorySegment errno = ERRNO_STATES.get();
        return handle.withDescriptor(fd -> NativeCalls.pwrite(errno, fd, memory, position));
    }

    /**
     * {@code openat2(AT_FDCWD, path, {flags, mode})}, which waits as {@code open(2)} does (for the disk, for the
     * other end of a named pipe), again after {@code EINTR}: the new descriptor, or {@code -errno}. The mode is
     * passed only to an open that may create ({@code O_CREAT}, {@code O_TMPFILE}), as {@code openat2} requires.
     */
    static int open(Path path, int flags, int mode) {
        MemorySegment errno = ERRNO_STATES.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = PathBytes.cString(arena, path, "path");
            MemorySegment how = arena.allocate(NativeCalls.OPEN_HOW_SIZE, 8);
            boolean creates = (flags & OpenFlags.O_CREAT) != 0 || (flags & OpenFlags.O_TMPFILE) == OpenFlags.O_TMPFILE;
            how.set(JAVA_LONG, 0, Integer.toUnsignedLong(flags));
            how.set(JAVA_LONG, 8, creates ? mode : 0L);
            int r;
            do {
                r = NativeCalls.openat2(errno, name, how);
            } while (r == -NativeCalls.EINTR);
            return r;
        }
    }

    /** {@code fsync(fd)}, or {@code fdatasync(fd)} without {@code metaData}: 0, or {@code -errno}. */
    static int sync(FdHandle handle, boolean metaData) throws ClosedChannelException {
        MemorySegment errno = ERRNO_STATES.get();
        return handle.withDescriptor(fd -> NativeCalls.sync(errno, fd, metaData));
    }

    /** {@code ftruncate(fd, length)}, again after {@code EINTR}: 0, or {@code -errno}. */
    static int truncate(FdHandle handle, long length) throws ClosedChannelException {
        MemorySegment errno = ERRNO_STATES.get();
        return handle.withDescriptor(fd -> {
            int r;
            do {
                r = NativeCalls.ftruncate(errno, fd, length);
            } while (r == -NativeCalls.EINTR);
            return r;
        });
    }
}
