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
 * here, so the array is used in place. Also {@code socket(2)}, {@code bind(2)}, {@code listen(2)} and
 * {@code shutdown(2)}, which never block, for the threads that may not wait for a ring (an event loop's).
 */
public final class SocketCalls {
    private static final FunctionDescriptor IO = FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle RECV = Libc.downcall("recv", IO, Libc.CAPTURE_ERRNO, Linker.Option.critical(true));
    private static final MethodHandle SEND = Libc.downcall("send", IO, Libc.CAPTURE_ERRNO, Linker.Option.critical(true));
    private static final MethodHandle SHUTDOWN = Libc.downcall("shutdown",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), Libc.CAPTURE_ERRNO);
    private static final MethodHandle SOCKET = Libc.downcall("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Libc.CAPTURE_ERRNO);
    private static final MethodHandle BIND = Libc.downcall("bind",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), Libc.CAPTURE_ERRNO);
    private static final MethodHandle LISTEN = Libc.downcall("listen",
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
     * {@code socket(domain, type, protocol)} as a direct call: it only creates a descriptor, so it never blocks, and
     * a thread that must not wait for a ring (an event loop's) may call it where {@code IORING_OP_SOCKET} would have
     * to be waited for.
     *
     * @param domain {@code AF_*}
     * @param type {@code SOCK_*}, with flags such as {@code SOCK_CLOEXEC}
     * @param protocol the protocol, 0 for the family's default
     * @return the new descriptor, or {@code -errno}
     */
    public static int socket(int domain, int type, int protocol) {
        MemorySegment state = STATE.get();
        try {
            int r = (int) SOCKET.invokeExact(state, domain, type, protocol);
            return r < 0 ? -Libc.errno(state) : r;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("socket failed", t);
        }
    }

    /**
     * {@code bind(fd, address, length)} as a direct call, for the same threads as {@link #socket}: binding an IP
     * socket only claims an address and a port, and never blocks.
     *
     * @param fd the socket
     * @param address the native {@code sockaddr}, {@code length} bytes
     * @param length the address length
     * @return 0, or {@code -errno}
     */
    public static int bind(int fd, MemorySegment address, int length) {
        MemorySegment state = STATE.get();
        try {
            int r = (int) BIND.invokeExact(state, fd, address, length);
            return r < 0 ? -Libc.errno(state) : r;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("bind failed", t);
        }
    }

    /**
     * {@code listen(fd, backlog)} as a direct call, for the same threads as {@link #socket}: it only changes the
     * socket's state, and never blocks.
     *
     * @param fd the socket
     * @param backlog the accept queue's length
     * @return 0, or {@code -errno}
     */
    public static int listen(int fd, int backlog) {
        MemorySegment state = STATE.get();
        try {
            int r = (int) LISTEN.invokeExact(state, fd, backlog);
            return r < 0 ? -Libc.errno(state) : r;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("listen failed", t);
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
