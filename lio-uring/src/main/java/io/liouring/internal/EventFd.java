package io.liouring.internal;

import io.liouring.UringException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * An {@code eventfd(2)}: a kernel counter that another thread bumps to wake whoever reads it. The event loop
 * keeps a read of one armed on its ring, so a write from any thread completes that read and ends the loop's
 * wait in {@code io_uring_enter}.
 *
 * <p>{@link #signal(int)} uses glibc's {@code eventfd_write}, which takes the value itself rather than a
 * buffer, so signalling threads share no native memory and allocate nothing.
 */
public final class EventFd {
    /** {@code EFD_CLOEXEC}. */
    public static final int EFD_CLOEXEC = 02000000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle EVENTFD = downcall("eventfd",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.captureCallState("errno"));
    private static final MethodHandle EVENTFD_WRITE = downcall("eventfd_write",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));

    private EventFd() {
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /**
     * Creates an eventfd with counter 0 ({@code eventfd(0, flags)}). Leave out {@code EFD_NONBLOCK}: io_uring
     * answers a read of a non-blocking fd with EAGAIN instead of waiting for it.
     *
     * @param flags {@code EFD_CLOEXEC} and/or {@code EFD_SEMAPHORE}, or 0
     * @return the new file descriptor
     * @throws UringException naming the errno
     */
    public static int create(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            int fd = (int) EVENTFD.invokeExact(state, 0, flags);
            if (fd < 0) {
                throw new UringException("eventfd", (int) ERRNO.get(state, 0L));
            }
            return fd;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("eventfd failed", t);
        }
    }

    /**
     * Adds 1 to the counter ({@code eventfd_write(fd, 1)}), waking a pending read. Never blocks in practice:
     * a write blocks only when the counter would pass 2^64-2.
     *
     * @param fd an eventfd
     * @return {@code true} on success, {@code false} if the kernel refused (a closed fd)
     */
    public static boolean signal(int fd) {
        try {
            return (int) EVENTFD_WRITE.invokeExact(fd, 1L) == 0;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("eventfd_write failed", t);
        }
    }
}
