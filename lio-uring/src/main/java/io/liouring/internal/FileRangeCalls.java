package io.liouring.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import static io.liouring.internal.SyscallNumbers.SYS_COPY_FILE_RANGE;
import static io.liouring.internal.SyscallNumbers.SYS_FCNTL;
import static io.liouring.internal.SyscallNumbers.SYS_FTRUNCATE;
import static io.liouring.internal.SyscallNumbers.SYS_LSEEK;
import static io.liouring.internal.SyscallNumbers.SYS_PPOLL;
import static io.liouring.internal.SyscallNumbers.SYS_SPLICE;
import static io.liouring.internal.SyscallNumbers.SYS_SENDFILE;

/**
 * The file calls io_uring has no operation for, as direct system calls through {@link Libc#syscall}:
 * {@code copy_file_range(2)} (Linux 4.5; across file systems of one type since 5.19); {@code sendfile(2)},
 * {@code splice(2)} with {@code SPLICE_F_NONBLOCK} and {@code ppoll(2)} (io_uring's {@code IORING_OP_SPLICE} always
 * runs on an io-wq worker and completes through the event loop, which costs more than the splice itself);
 * {@code lseek(2)} (with
 * {@code SEEK_DATA}/{@code SEEK_HOLE} to find a sparse file's data), {@code ftruncate(2)} (the ring has it only
 * since 6.9) and {@code fcntl(F_GETFL)} (is a file open with
 * {@code O_APPEND}). Each returns the kernel's result or {@code -errno}; on an architecture whose system call
 * numbers lio-uring does not know, each returns {@code -ENOSYS}, so that callers take their fallback.
 *
 * <p>One instance per thread of use (it holds the errno capture and the offset words the calls write); close it
 * when done.
 */
public final class FileRangeCalls implements AutoCloseable {
    /** {@code lseek} whence: the position itself. */
    public static final int SEEK_SET = 0;
    /** {@code lseek} whence: relative to the current position. */
    public static final int SEEK_CUR = 1;
    /** {@code lseek} whence: the next offset at or after the given one that holds data ({@code ENXIO} past it). */
    public static final int SEEK_DATA = 3;
    /** {@code lseek} whence: the next hole at or after the given offset (the end of the file counts as one). */
    public static final int SEEK_HOLE = 4;
    /** {@code open} flag that {@link #statusFlags} may show: every write goes to the end of the file. */
    public static final int O_APPEND = 02000;
    /** The access-mode bits of {@link #statusFlags}: {@code O_RDONLY} (0), {@code O_WRONLY} (1) or {@code O_RDWR} (2). */
    public static final int O_ACCMODE = 03;
    /** {@code splice} flag: do not wait for room in (or data from) a pipe; fail with {@code EAGAIN} instead. */
    public static final int SPLICE_F_NONBLOCK = 2;
    /** errno: not implemented. */
    public static final int ENOSYS = 38;

    private static final int F_GETFL = 3;
    private static final short POLLOUT = 4;

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment errno = Libc.newErrnoState(arena);
    private final MemorySegment offsets = arena.allocate(JAVA_LONG, 2);
    /** A {@code struct pollfd} (int fd, short events, short revents) and a {@code struct timespec}. */
    private final MemorySegment pollFd = arena.allocate(8, 8);
    private final MemorySegment timeout = arena.allocate(JAVA_LONG, 2);

    /** Memory for the calls' errno and offsets, confined to the creating thread until {@link #close()}. */
    public FileRangeCalls() {
        // the fields are the state
    }

    /**
     * {@code copy_file_range(2)} from {@code in} at {@code inOffset} to {@code out} at {@code outOffset}; neither
     * file's position moves.
     *
     * @param in the source descriptor, a regular file open for reading
     * @param inOffset where to read, not negative
     * @param out the target descriptor, a regular file open for writing without {@code O_APPEND}
     * @param outOffset where to write, not negative
     * @param length bytes to copy at most
     * @return bytes copied (0 at the end of the source), or {@code -errno} ({@code EXDEV}, {@code EINVAL},
     *         {@code EOPNOTSUPP}: the file systems cannot do it; take another way)
     */
    public long copyFileRange(int in, long inOffset, int out, long outOffset, long length) {
        if (SYS_COPY_FILE_RANGE < 0) {
            return -ENOSYS;
        }
        offsets.setAtIndex(JAVA_LONG, 0, inOffset);
        offsets.setAtIndex(JAVA_LONG, 1, outOffset);
        return Libc.syscall(errno, SYS_COPY_FILE_RANGE, in, offsets.address(), out,
                offsets.address() + JAVA_LONG.byteSize(), length, 0);
    }

    /**
     * {@code sendfile(2)} from {@code in} at its position (which moves on) to {@code out}.
     *
     * @param out the target descriptor, open for writing (not {@code O_APPEND})
     * @param in the source descriptor, a file the kernel can splice from (a regular file, a block device)
     * @param count bytes to move at most
     * @return bytes moved (0 at the end of the source), or {@code -errno} ({@code EINVAL}: the kernel cannot
     *         splice these files; take another way)
     */
    public long sendfile(int out, int in, long count) {
        return SYS_SENDFILE < 0 ? -ENOSYS : Libc.syscall(errno, SYS_SENDFILE, out, in, 0, count, 0, 0);
    }

    /**
     * {@code splice(2)} from {@code in} at its position (which moves on) into the pipe {@code pipe}, without waiting
     * for room in it ({@link #SPLICE_F_NONBLOCK}).
     *
     * @param in the source descriptor, a file the kernel can splice from (a regular file)
     * @param pipe the write end of a pipe
     * @param count bytes to move at most (fewer when the pipe has less room)
     * @return bytes moved (0 at the end of the source), or {@code -errno} ({@code EAGAIN}: the pipe is full;
     *         {@code EPIPE}: it has no reader; {@code EINVAL}: the source cannot be spliced)
     */
    public long spliceIntoPipe(int in, int pipe, long count) {
        return SYS_SPLICE < 0 ? -ENOSYS
                : Libc.syscall(errno, SYS_SPLICE, in, 0, pipe, 0, count, SPLICE_F_NONBLOCK);
    }

    /**
     * {@code ppoll(2)} for {@code POLLOUT} on one descriptor, waiting at most {@code millis}.
     *
     * @param fd the descriptor
     * @param millis the longest wait, in milliseconds
     * @return 1 when it can be written to or has an error condition (a pipe without readers), 0 when the time ran
     *         out, or {@code -errno} ({@code EINTR}: a signal)
     */
    public long awaitWritable(int fd, long millis) {
        if (SYS_PPOLL < 0) {
            return -ENOSYS;
        }
        pollFd.set(JAVA_INT, 0, fd);
        pollFd.set(JAVA_SHORT, 4, POLLOUT);
        pollFd.set(JAVA_SHORT, 6, (short) 0);
        timeout.setAtIndex(JAVA_LONG, 0, millis / 1000);
        timeout.setAtIndex(JAVA_LONG, 1, (millis % 1000) * 1_000_000);
        return Libc.syscall(errno, SYS_PPOLL, pollFd.address(), 1, timeout.address(), 0, 8, 0);
    }

    /**
     * {@code lseek(2)}.
     *
     * @param fd the descriptor
     * @param offset the offset, read as {@code whence} says
     * @param whence {@link #SEEK_SET}, {@link #SEEK_CUR}, {@link #SEEK_DATA} or {@link #SEEK_HOLE}
     * @return the resulting offset, or {@code -errno} ({@code ENXIO}: no data at or after {@code offset})
     */
    public long lseek(int fd, long offset, int whence) {
        return SYS_LSEEK < 0 ? -ENOSYS : Libc.syscall(errno, SYS_LSEEK, fd, offset, whence, 0, 0, 0);
    }

    /**
     * {@code ftruncate(2)}.
     *
     * @param fd the descriptor, open for writing
     * @param length the file's new size
     * @return 0, or {@code -errno}
     */
    public long ftruncate(int fd, long length) {
        return SYS_FTRUNCATE < 0 ? -ENOSYS : Libc.syscall(errno, SYS_FTRUNCATE, fd, length, 0, 0, 0, 0);
    }

    /**
     * {@code fcntl(fd, F_GETFL)}.
     *
     * @param fd the descriptor
     * @return the file's access mode and status flags ({@link #O_APPEND}, …), or {@code -errno}
     */
    public int statusFlags(int fd) {
        return SYS_FCNTL < 0 ? -ENOSYS : (int) Libc.syscall(errno, SYS_FCNTL, fd, F_GETFL, 0, 0, 0, 0);
    }

    @Override
    public void close() {
        arena.close();
    }
}
