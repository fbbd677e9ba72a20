package io.liouring.nio.file;

import io.liouring.internal.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The few system calls the file channels make directly rather than through the ring, as libc downcalls: the
 * non-blocking page-cache attempt ({@code preadv2}/{@code pwritev2} with {@code RWF_NOWAIT}), record locks
 * ({@code fcntl(F_OFD_SETLK)}, {@code F_OFD_GETLK}, which io_uring has no operation for), {@code statx} of a
 * descriptor (size, type, device and inode), {@code lseek} to learn whether it has a file offset, {@code ftruncate}
 * for kernels older than {@code IORING_OP_FTRUNCATE} (6.9), an open that finds every path component cached
 * ({@code openat2} with {@code RESOLVE_CACHED}), and the blocking calls of a platform thread.
 *
 * <p>None of them blocks, except the calls a platform thread makes where the JDK's channel would block it too
 * ({@link WaitingCalls}: {@code pread}/{@code pwrite} of a regular file, an open, {@code fsync}/{@code fdatasync},
 * {@code ftruncate}): {@code RWF_NOWAIT} fails with {@code EAGAIN} instead, {@code F_OFD_SETLK} with
 * {@code EAGAIN}/{@code EACCES}, and the others touch only the inode. Every call returns the kernel's convention:
 * a non-negative result or {@code -errno}, read from an errno capture segment the caller passes
 * ({@link IoScratch} holds one per call in flight).
 */
final class NativeCalls {
    /** {@code RWF_NOWAIT}: fail with {@code EAGAIN} rather than wait for the device or a lock. */
    static final int RWF_NOWAIT = 0x8;
    /** {@code EAGAIN}. */
    static final int EAGAIN = 11;
    /** {@code EACCES}. */
    static final int EACCES = 13;
    /** {@code EINVAL}. */
    static final int EINVAL = 22;
    /** {@code EOPNOTSUPP}. */
    static final int EOPNOTSUPP = 95;
    /** {@code ESPIPE}: the descriptor has no file offset (a pipe, FIFO, socket or terminal). */
    static final int ESPIPE = 29;
    /** {@code SEEK_SET}: {@code lseek} to the offset given. */
    static final int SEEK_SET = 0;
    /** {@code SEEK_CUR}: {@code lseek} relative to the current offset. */
    static final int SEEK_CUR = 1;
    /** {@code EINTR}: a signal came before the call moved any byte. */
    static final int EINTR = 4;
    /** {@code F_SETFL}: set the file status flags (x86-64 and aarch64 agree). */
    static final int F_SETFL = 4;
    /**
     * {@code F_OFD_SETLK} (Linux 3.15): take or release an open-file-description record lock without waiting (the
     * same number on every architecture).
     */
    static final int F_OFD_SETLK = 37;
    /** {@code F_OFD_GETLK}: the first lock that would conflict with the one described, or {@code F_UNLCK}. */
    static final int F_OFD_GETLK = 36;
    /** {@code F_RDLCK}. */
    static final short F_RDLCK = 0;
    /** {@code F_WRLCK}. */
    static final short F_WRLCK = 1;
    /** {@code F_UNLCK}. */
    static final short F_UNLCK = 2;
    /** {@code sizeof(struct flock)} on 64-bit Linux. */
    static final long FLOCK_SIZE = 32;
    /** {@code AT_EMPTY_PATH}: {@code statx} of the descriptor itself. */
    static final int AT_EMPTY_PATH = 0x1000;
    /** {@code SYS_openat2}: the same number on x86-64 and aarch64 (the numbering is unified from 424 on). */
    static final long SYS_OPENAT2 = 437;
    /** {@code sizeof(struct open_how)}. */
    static final long OPEN_HOW_SIZE = 24;
    /** {@code RESOLVE_CACHED} (5.12): fail with {@code EAGAIN} unless every path component is in the dentry cache. */
    static final long RESOLVE_CACHED = 0x20;
    /** {@code AT_FDCWD}. */
    static final int AT_FDCWD = -100;
    /** {@code STATX_BASIC_STATS}. */
    static final int STATX_BASIC_STATS = 0x7ff;
    /** Bytes of the errno capture state. */
    static final long ERRNO_STATE_SIZE;

    /** The platform linker. */
    private static final Linker LINKER = Linker.nativeLinker();
    /** The layout of the captured call state (errno). */
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    /** Reads errno from the captured state. */
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    /** Captures errno after a call. */
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    /** The empty C string that makes {@code statx} describe the descriptor itself. */
    private static final MemorySegment EMPTY_PATH = Arena.global().allocate(1);

    // Each handle in a holder class of its own, linked when the holder is first used: linking a downcall handle takes
    // milliseconds, and a program that opens and reads a few files needs only some of them.

    private static final class Preadv2 {
        static final MethodHandle HANDLE = downcall("preadv2",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_INT), CAPTURE_ERRNO);
    }

    private static final class Pwritev2 {
        static final MethodHandle HANDLE = downcall("pwritev2",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG, JAVA_INT), CAPTURE_ERRNO);
    }

    private static final class Pread {
        static final MethodHandle HANDLE = downcall("pread",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG), CAPTURE_ERRNO);
    }

    private static final class Pwrite {
        static final MethodHandle HANDLE = downcall("pwrite",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG), CAPTURE_ERRNO);
    }

    private static final class Poll {
        static final MethodHandle HANDLE = downcall("poll",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), CAPTURE_ERRNO);
    }

    private static final class Read {
        static final MethodHandle HANDLE = downcall("read",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), CAPTURE_ERRNO);
    }

    private static final class Write {
        static final MethodHandle HANDLE = downcall("write",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), CAPTURE_ERRNO);
    }

    private static final class Fcntl {
        static final MethodHandle HANDLE = downcall("fcntl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), Linker.Option.firstVariadicArg(2),
                CAPTURE_ERRNO);
    }

    private static final class FcntlInt {
        static final MethodHandle HANDLE = downcall("fcntl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2),
                CAPTURE_ERRNO);
    }

    private static final class Statx {
        static final MethodHandle HANDLE = downcall("statx",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS), CAPTURE_ERRNO);
    }

    private static final class Lseek {
        static final MethodHandle HANDLE = downcall("lseek",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT), CAPTURE_ERRNO);
    }

    private static final class Ftruncate {
        static final MethodHandle HANDLE = downcall("ftruncate",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG), CAPTURE_ERRNO);
    }

    private static final class Fsync {
        static final MethodHandle HANDLE = downcall("fsync",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    }

    private static final class Fdatasync {
        static final MethodHandle HANDLE = downcall("fdatasync",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT), CAPTURE_ERRNO);
    }

    private static final class AlignedAlloc {
        static final MethodHandle HANDLE = downcall("aligned_alloc",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG));
    }

    static {
        ERRNO_STATE_SIZE = CAPTURE.byteSize();
    }

    /** Not instantiable. */
    private NativeCalls() {
    }

    /** A downcall handle for a libc function. */
    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /** The errno a call left in {@code state}. */
    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /**
     * {@code preadv2(fd, iov, 1, offset, flags)} with one {@code struct iovec} at {@code iov}.
     *
     * @return bytes read (0 at end of file), or {@code -errno} ({@code -EAGAIN} when {@code RWF_NOWAIT} would wait)
     */
    static long preadv2(MemorySegment errnoState, int fd, MemorySegment iov, long offset, int flags) {
        try {
            long r = (long) Preadv2.HANDLE.invokeExact(errnoState, fd, iov, 1, offset, flags);
            return r < 0 ? -errno(errnoState) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code pwritev2(fd, iov, 1, offset, flags)}; offset -1 writes at the file position (the end with O_APPEND). */
    static long pwritev2(MemorySegment errnoState, int fd, MemorySegment iov, long offset, int flags) {
        try {
            long r = (long) Pwritev2.HANDLE.invokeExact(errnoState, fd, iov, 1, offset, flags);
            return r < 0 ? -errno(errnoState) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code pread(fd, memory, size, offset)}, which waits for the device: bytes read (0 at end of file), or
     * {@code -errno}. One buffer and no flags, so the kernel has no {@code iovec} to import as for {@code preadv2}.
     */
    static long pread(MemorySegment errnoState, int fd, MemorySegment memory, long offset) {
        try {
            long r = (long) Pread.HANDLE.invokeExact(errnoState, fd, memory, memory.byteSize(), offset);
            return r < 0 ? -errno(errnoState) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code pwrite(fd, memory, size, offset)}, or {@code write(fd, memory, size)} at the file position (the end with
     * O_APPEND) when {@code offset} is -1; either may wait for the device: bytes written, or {@code -errno}.
     */
    static long pwrite(MemorySegment errnoState, int fd, MemorySegment memory, long offset) {
        try {
            long r = offset == -1
                    ? (long) Write.HANDLE.invokeExact(errnoState, fd, memory, memory.byteSize())
                    : (long) Pwrite.HANDLE.invokeExact(errnoState, fd, memory, memory.byteSize(), offset);
            return r < 0 ? -errno(errnoState) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code read(fd, memory, size)} at the file's own offset: a pipe's read, which waits unless the descriptor has
     * {@code O_NONBLOCK}; bytes read (0 at end of file), or {@code -errno}.
     */
    static long read(MemorySegment errnoState, int fd, MemorySegment memory) {
        try {
            long r = (long) Read.HANDLE.invokeExact(errnoState, fd, memory, memory.byteSize());
            return r < 0 ? -errno(errnoState) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code poll(fds, 1, timeoutMillis)} of one {@code struct pollfd} ({@code fd}, {@code events}, {@code revents}),
     * which waits: the number of ready descriptors (0 on time-out), or {@code -errno}.
     */
    static int poll(MemorySegment errnoState, MemorySegment pollfd, int timeoutMillis) {
        try {
            int r = (int) Poll.HANDLE.invokeExact(errnoState, pollfd, 1L, timeoutMillis);
            return r < 0 ? -errno(errnoState) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code lseek(fd, offset, whence)}: the resulting offset, or {@code -errno} ({@code -ESPIPE} on a pipe). */
    static long lseek(MemorySegment errnoState, int fd, long offset, int whence) {
        try {
            long r = (long) Lseek.HANDLE.invokeExact(errnoState, fd, offset, whence);
            return r < 0 ? -errno(errnoState) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code fcntl(fd, cmd, flock)}: 0, or {@code -errno}. */
    static int fcntl(MemorySegment errnoState, int fd, int cmd, MemorySegment flock) {
        try {
            int r = (int) Fcntl.HANDLE.invokeExact(errnoState, fd, cmd, flock);
            return r < 0 ? -errno(errnoState) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code fcntl(fd, cmd, arg)} with an int argument ({@code F_SETFL}): the result, or {@code -errno}. */
    static int fcntl(MemorySegment errnoState, int fd, int cmd, int arg) {
        try {
            int r = (int) FcntlInt.HANDLE.invokeExact(errnoState, fd, cmd, arg);
            return r < 0 ? -errno(errnoState) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code openat2(AT_FDCWD, path, how, sizeof how)} through {@code syscall(2)} (glibc has no wrapper): the new
     * descriptor, or {@code -errno}.
     */
    static int openat2(MemorySegment errnoState, MemorySegment path, MemorySegment how) {
        return (int) Libc.syscall(errnoState, SYS_OPENAT2, AT_FDCWD, path.address(), how.address(),
                OPEN_HOW_SIZE, 0, 0);
    }

    /** {@code statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, buffer)}: 0, or {@code -errno}. */
    static int fstatx(MemorySegment errnoState, int fd, MemorySegment statxBuffer) {
        try {
            int r = (int) Statx.HANDLE.invokeExact(errnoState, fd, EMPTY_PATH, AT_EMPTY_PATH, STATX_BASIC_STATS,
                    statxBuffer);
            return r < 0 ? -errno(errnoState) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code ftruncate(fd, length)}: 0, or {@code -errno}. */
    static int ftruncate(MemorySegment errnoState, int fd, long length) {
        try {
            int r = (int) Ftruncate.HANDLE.invokeExact(errnoState, fd, length);
            return r < 0 ? -errno(errnoState) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code fsync(fd)}, or {@code fdatasync(fd)} without {@code metaData}, which waits for the device: 0, or
     * {@code -errno}.
     */
    static int sync(MemorySegment errnoState, int fd, boolean metaData) {
        try {
            int r = metaData
                    ? (int) Fsync.HANDLE.invokeExact(errnoState, fd)
                    : (int) Fdatasync.HANDLE.invokeExact(errnoState, fd);
            return r < 0 ? -errno(errnoState) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code aligned_alloc(alignment, size)}: memory that is never freed (the pools keep it for the life of the
     * JVM) and that is not counted against {@code -XX:MaxDirectMemorySize}, which bounds the application's own
     * direct buffers, not ours.
     *
     * @throws OutOfMemoryError if the C library has no memory left
     */
    static MemorySegment allocateForever(long alignment, long size) {
        long address;
        try {
            address = (long) AlignedAlloc.HANDLE.invokeExact(alignment, size);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (address == 0) {
            throw new OutOfMemoryError("aligned_alloc(" + alignment + ", " + size + ") failed");
        }
        return MemorySegment.ofAddress(address).reinterpret(size);
    }

    /** What a downcall threw, as an unchecked exception. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }
}
