package io.liouring.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * {@code recv(2)} and {@code send(2)} as direct calls, for an attempt that must not block (the caller passes
 * {@code MSG_DONTWAIT}): trying a socket on the calling thread first and going to the ring only when it would
 * block saves the ring round trip when data or buffer space is already there, as the JDK's own channels do.
 * The buffer may be a heap segment: the calls are made as critical functions with heap access, which never block
 * here, so the array is used in place.
 */
public final class SocketCalls {
    private static final FunctionDescriptor IO = FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle RECV = Libc.downcall("recv", IO, Libc.CAPTURE_ERRNO, Linker.Option.critical(true));
    private static final MethodHandle SEND = Libc.downcall("send", IO, Libc.CAPTURE_ERRNO, Linker.Option.critical(true));
    private static final MethodHandle SHUTDOWN = Libc.downcall("shutdown",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), Libc.CAPTURE_ERRNO);
    /** Per-thread errno capture, so that a call allocates nothing. */
    private static final ThreadLocal<MemorySegment> STATE =
            ThreadLocal.withInitial(() -> Libc.newErrnoState(Arena.ofAuto()));

    private SocketCalls() {
    }

    /**
     * {@code recv(fd, buffer, buffer.byteSize(), flags)}: the bytes received, 0 at end of stream, or {@code -errno}.
     *
     * @param fd the socket
     * @param buffer where to receive, heap or native
     * @param flags {@code MSG_*} bits, with {@code MSG_DONTWAIT}
     * @return the bytes received, 0 at end of stream, or {@code -errno} ({@code -EAGAIN}: nothing there yet)
     */
    public static long recv(int fd, MemorySegment buffer, int flags) {
        return call(RECV, fd, buffer, flags);
    }

    /**
     * {@code send(fd, buffer, buffer.byteSize(), flags)}: the bytes sent, or {@code -errno}.
     *
     * @param fd the socket
     * @param buffer what to send, heap or native
     * @param flags {@code MSG_*} bits, with {@code MSG_DONTWAIT}
     * @return the bytes sent, or {@code -errno} ({@code -EAGAIN}: no buffer space yet)
     */
    public static long send(int fd, MemorySegment buffer, int flags) {
        return call(SEND, fd, buffer, flags);
    }

    private static long call(MethodHandle handle, int fd, MemorySegment buffer, int flags) {
        MemorySegment state = STATE.get();
        try {
            long r = (long) handle.invokeExact(state, fd, buffer, buffer.byteSize(), flags);
            return r < 0 ? -Libc.errno(state) : r;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("socket call failed", t);
        }
    }

    /**
     * {@code shutdown(fd, how)}: ends one direction of a socket. It only changes the socket's state, so it never
     * blocks, and a thread that must not wait for a ring (an event loop's) may call it.
     *
     * @param fd the socket
     * @param how {@code SHUT_RD}, {@code SHUT_WR} or {@code SHUT_RDWR}
     * @return 0, or {@code -errno}
     */
    public static int shutdown(int fd, int how) {
        MemorySegment state = STATE.get();
        try {
            int r = (int) SHUTDOWN.invokeExact(state, fd, how);
            return r < 0 ? -Libc.errno(state) : r;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("shutdown failed", t);
        }
    }
}
