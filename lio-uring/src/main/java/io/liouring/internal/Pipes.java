package io.liouring.internal;

import io.liouring.UringException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Pipes for moving pages between files with {@code splice(2)}: {@code pipe2(2)} with {@code O_CLOEXEC}, grown with
 * {@code fcntl(F_SETPIPE_SZ)} (Linux 2.6.35). Downcall handles are linked on first use.
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
            int r = (int) Calls.PIPE2.invokeExact(errno, fds, O_CLOEXEC);
            if (r != 0) {
                throw new UringException("pipe2", Libc.errno(errno));
            }
            int readEnd = fds.getAtIndex(JAVA_INT, 0);
            int writeEnd = fds.getAtIndex(JAVA_INT, 1);
            int granted = (int) Calls.FCNTL.invokeExact(errno, writeEnd, F_SETPIPE_SZ, capacity);
            if (granted < 0) {
                int error = Libc.errno(errno);
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

    /** The handles, linked when {@link #open} is first called. */
    private static final class Calls {
        static final MethodHandle PIPE2 = Libc.downcall("pipe2",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Libc.CAPTURE_ERRNO);
        static final MethodHandle FCNTL = Libc.downcall("fcntl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
                Linker.Option.firstVariadicArg(2), Libc.CAPTURE_ERRNO);
    }
}
