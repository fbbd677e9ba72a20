package io.liouring.internal;

import io.liouring.UringException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import static io.liouring.internal.SyscallNumbers.SYS_FCNTL;
import static io.liouring.internal.SyscallNumbers.SYS_PIPE2;

/**
 * Pipes for moving pages between files with {@code splice(2)}: {@code pipe2(2)} with {@code O_CLOEXEC}, grown with
 * {@code fcntl(F_SETPIPE_SZ)} (Linux 2.6.35). Where the system call numbers are known ({@link SyscallNumbers}),
 * both go through {@link Libc}'s {@code syscall} handle, which every ring links already: a handle of a new shape
 * costs milliseconds to link, a good part of a short {@code lio cat FILE >/dev/null}. Elsewhere libc's functions
 * are linked on first use.
 */
public final class Pipes {
    private static final int O_CLOEXEC = 02000000;
    private static final int F_SETPIPE_SZ = 1031;

    private Pipes() {
    }

    /**
     * Opens a pipe and asks for {@code capacity} bytes of buffer (the kernel rounds up to a power-of-two number of
     * pages and caps an unprivileged process at {@code /proc/sys/fs/pipe-max-size}).
     *
     * @param capacity bytes of pipe buffer asked for, positive
     * @return {@code {readEnd, writeEnd, capacityGranted}}
     * @throws UringException naming {@code pipe2} or {@code fcntl} and the errno when the kernel refuses; the pipe is
     *                        closed again if only the resize failed
     */
    public static int[] open(int capacity) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoState(arena);
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            int r = pipe2(errno, fds);
            if (r != 0) {
                throw new UringException("pipe2", -r);
            }
            int readEnd = fds.getAtIndex(JAVA_INT, 0);
            int writeEnd = fds.getAtIndex(JAVA_INT, 1);
            int granted = setPipeSize(errno, writeEnd, capacity);
            if (granted < 0) {
                int error = -granted;
                Libc.close(errno, readEnd);
                Libc.close(errno, writeEnd);
                throw new UringException("fcntl(F_SETPIPE_SZ)", error);
            }
            return new int[] {readEnd, writeEnd, granted};
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native call failed", t);
        }
    }

    /** {@code pipe2(fds, O_CLOEXEC)}: 0, or {@code -errno}. */
    private static int pipe2(MemorySegment errno, MemorySegment fds) throws Throwable {
        if (SYS_PIPE2 >= 0) {
            return (int) Libc.syscall(errno, SYS_PIPE2, fds.address(), O_CLOEXEC, 0, 0, 0, 0);
        }
        int r = (int) Calls.PIPE2.invokeExact(errno, fds, O_CLOEXEC);
        return r == 0 ? 0 : -Libc.errno(errno);
    }

    /** {@code fcntl(fd, F_SETPIPE_SZ, capacity)}: the capacity granted, or {@code -errno}. */
    private static int setPipeSize(MemorySegment errno, int fd, int capacity) throws Throwable {
        if (SYS_FCNTL >= 0) {
            return (int) Libc.syscall(errno, SYS_FCNTL, fd, F_SETPIPE_SZ, capacity, 0, 0, 0);
        }
        int r = (int) Calls.FCNTL.invokeExact(errno, fd, F_SETPIPE_SZ, capacity);
        return r >= 0 ? r : -Libc.errno(errno);
    }

    /**
     * Closes both ends of a pipe from {@link #open}.
     *
     * @param pipe the array {@link #open} returned
     */
    public static void close(int[] pipe) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.newErrnoState(arena);
            Libc.close(errno, pipe[0]);
            Libc.close(errno, pipe[1]);
        }
    }

    /** libc's functions, where the system call numbers are not known; linked when {@link #open} first needs them. */
    private static final class Calls {
        static final MethodHandle PIPE2 = Libc.downcall("pipe2",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Libc.CAPTURE_ERRNO);
        static final MethodHandle FCNTL = Libc.downcall("fcntl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
                Linker.Option.firstVariadicArg(2), Libc.CAPTURE_ERRNO);
    }
}
