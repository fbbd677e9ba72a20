package io.liouring.internal;

import io.liouring.UringException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import static io.liouring.internal.SyscallNumbers.SYS_EVENTFD2;
import static io.liouring.internal.SyscallNumbers.SYS_WRITE;

/**
 * An {@code eventfd(2)}: a kernel counter that another thread bumps to wake whoever reads it. The event loop
 * keeps a read of one armed on its ring, so a write from any thread completes that read and ends the loop's
 * wait in {@code io_uring_enter}.
 *
 * <p>Where lio-uring knows the system call numbers (x86_64, and the generic table of aarch64 and riscv64), both
 * calls go through {@link Libc}'s {@code syscall} handle, which every ring links anyway: a short program such as
 * {@code lio cat FILE} then links no handle for its event loop's wake-up (each new one costs milliseconds). A
 * signal writes the 8-byte value 1 from one constant segment that every thread shares and the kernel only reads,
 * so signalling allocates nothing. Elsewhere they call glibc's {@code eventfd} and {@code eventfd_write}.
 */
public final class EventFd {
    /** {@code EFD_CLOEXEC}. */
    public static final int EFD_CLOEXEC = 02000000;

    /** The value a signal adds, as {@code write(2)} takes it; never written after it is made. */
    private static final MemorySegment ONE = one();

    private EventFd() {
    }

    private static MemorySegment one() {
        MemorySegment one = Arena.global().allocate(JAVA_LONG);
        one.set(JAVA_LONG, 0, 1L);
        return one;
    }

    /** glibc's functions, linked only where the system call numbers are unknown. */
    private static final class Glibc {
        static final MethodHandle EVENTFD = Libc.downcall("eventfd",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), Libc.CAPTURE_ERRNO);
        static final MethodHandle EVENTFD_WRITE = Libc.downcall("eventfd_write",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    }

    /**
     * Creates an eventfd with counter 0 ({@code eventfd2(0, flags)}). Leave out {@code EFD_NONBLOCK}: io_uring
     * answers a read of a non-blocking fd with EAGAIN instead of waiting for it.
     *
     * @param flags {@code EFD_CLOEXEC} and/or {@code EFD_SEMAPHORE}, or 0
     * @return the new file descriptor
     * @throws UringException naming the errno
     */
    public static int create(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newErrnoState(arena);
            int fd;
            if (SYS_EVENTFD2 >= 0) {
                long r = Libc.syscall(state, SYS_EVENTFD2, 0, flags, 0, 0, 0, 0);
                if (r < 0) {
                    throw new UringException("eventfd", (int) -r);
                }
                fd = (int) r;
            } else {
                fd = (int) Glibc.EVENTFD.invokeExact(state, 0, flags);
                if (fd < 0) {
                    throw new UringException("eventfd", Libc.errno(state));
                }
            }
            return fd;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("eventfd failed", t);
        }
    }

    /**
     * Adds 1 to the counter ({@code write(fd, &1, 8)}), waking a pending read. Never blocks in practice:
     * a write blocks only when the counter would pass 2^64-2.
     *
     * @param fd an eventfd
     * @return {@code true} on success, {@code false} if the kernel refused (a closed fd)
     */
    public static boolean signal(int fd) {
        if (SYS_WRITE >= 0) {
            return Libc.syscallWithoutErrno(SYS_WRITE, fd, ONE.address(), 8, 0, 0, 0) == 8;
        }
        try {
            return (int) Glibc.EVENTFD_WRITE.invokeExact(fd, 1L) == 0;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("eventfd_write failed", t);
        }
    }
}
