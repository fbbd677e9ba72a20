package io.liouring.nio.file;

import io.liouring.OpenFlags;
import io.liouring.PathBytes;
import io.liouring.async.FdHandle;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

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
    /**
     * How long a wait for a pipe ({@link #awaitPipe}) polls before it looks again whether its channel is being
     * closed: the longest a close, or the interrupt that closes, takes to end such a wait.
     */
    static final int PIPE_POLL_MILLIS = 20;
    /** Offset of the {@code struct pollfd} in a thread's block, after its errno capture. */
    private static final long POLLFD = 16;
    /** Each platform thread's block: its errno capture, then a {@code struct pollfd}. */
    private static final ThreadLocal<MemorySegment> BLOCKS =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(POLLFD + 8, 8));
    /** Each platform thread's errno capture, the start of its block. */
    private static final ThreadLocal<MemorySegment> ERRNO_STATES =
            ThreadLocal.withInitial(() -> BLOCKS.get().asSlice(0, NativeCalls.ERRNO_STATE_SIZE));

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
     * Waits in {@code poll(2)} until the pipe {@code fd} is ready for {@code events} ({@code POLLIN},
     * {@code POLLOUT}; any readiness, {@code POLLHUP} and {@code POLLERR} included, ends the wait), for at most
     * {@link #PIPE_POLL_MILLIS}, and only while {@code handle} is open. It holds no reference to the descriptor, so a
     * close never waits for it: if the number is closed, and even given to another file, meanwhile, the poll only
     * ends early or late, and the caller's next read or write, which does take the reference, fails as closed.
     */
    static void awaitPipe(FdHandle handle, int fd, int events) {
        MemorySegment block = BLOCKS.get();
        MemorySegment pollfd = block.asSlice(POLLFD, 8);
        pollfd.set(JAVA_INT, 0, fd);
        pollfd.set(JAVA_SHORT, 4, (short) events);
        pollfd.set(JAVA_SHORT, 6, (short) 0);
        if (handle.isOpen()) {
            NativeCalls.poll(ERRNO_STATES.get(), pollfd, PIPE_POLL_MILLIS); // EINTR or a time-out: the caller retries
        }
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
