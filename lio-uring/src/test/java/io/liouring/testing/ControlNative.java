package io.liouring.testing;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Test-side native helpers for the control-flow operations (poll, cancel, timeouts, epoll, futex, waitid,
 * MSG_RING): pipes, plain reads and writes, an epoll instance, a child process the JVM knows nothing about,
 * and a loopback UDP socket. Each failure throws with the call's errno.
 */
public final class ControlNative {
    public static final int O_CLOEXEC = 02000000;
    public static final int EPOLL_CLOEXEC = O_CLOEXEC;

    private static final MethodHandle PIPE2 = Downcalls.libc("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle WRITE = Downcalls.libc("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle READ = Downcalls.libc("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = Downcalls.libc("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle EPOLL_CREATE1 = Downcalls.libc("epoll_create1",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SOCKET = Downcalls.libc("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = Downcalls.libc("bind",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CONNECT = Downcalls.libc("connect",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = Downcalls.libc("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    /** posix_spawn returns the error number itself instead of setting errno. */
    private static final MethodHandle POSIX_SPAWN = Downcalls.libcWithoutErrno("posix_spawn",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));

    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = O_CLOEXEC;
    private static final int SOCKADDR_IN_SIZE = 16;

    private ControlNative() {
    }

    private static long check(String call, long result, MemorySegment errno) {
        if (result < 0) {
            throw new IllegalStateException(call + " failed: errno " + Downcalls.errno(errno));
        }
        return result;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** A pipe with {@code O_CLOEXEC}: {@code {readEnd, writeEnd}}. */
    public static int[] pipe() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Downcalls.errnoState(arena);
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            check("pipe2", (int) PIPE2.invokeExact(errno, fds, O_CLOEXEC), errno);
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Writes all of {@code data} with one {@code write(2)}. */
    public static void write(int fd, byte[] data) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Downcalls.errnoState(arena);
            MemorySegment buffer = arena.allocate(Math.max(1, data.length));
            MemorySegment.copy(data, 0, buffer, JAVA_BYTE, 0, data.length);
            long n = check("write", (long) WRITE.invokeExact(errno, fd, buffer, (long) data.length), errno);
            if (n != data.length) {
                throw new IllegalStateException("short write: " + n + " of " + data.length);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Writes a string's UTF-8 bytes. */
    public static void write(int fd, String text) {
        write(fd, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One {@code read(2)} of at most {@code max} bytes. */
    public static byte[] read(int fd, int max) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Downcalls.errnoState(arena);
            MemorySegment buffer = arena.allocate(max);
            long n = check("read", (long) READ.invokeExact(errno, fd, buffer, (long) max), errno);
            return buffer.asSlice(0, n).toArray(JAVA_BYTE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Closes every given fd (ignoring negative ones), failing on the first error. */
    public static void close(int... fds) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Downcalls.errnoState(arena);
            for (int fd : fds) {
                if (fd >= 0) {
                    check("close(" + fd + ")", (int) CLOSE.invokeExact(errno, fd), errno);
                }
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** A new epoll instance ({@code epoll_create1(EPOLL_CLOEXEC)}). */
    public static int epollCreate() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Downcalls.errnoState(arena);
            return (int) check("epoll_create1", (int) EPOLL_CREATE1.invokeExact(errno, EPOLL_CLOEXEC), errno);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Starts {@code argv[0]} (an absolute path) with {@code posix_spawn(3)} and an empty environment, and returns
     * its pid. The JVM does not know this child, so its process reaper never waits for it: whoever calls
     * {@code waitid} on it is the only one that can reap it.
     */
    public static int spawn(String... argv) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment args = arena.allocate(ADDRESS, argv.length + 1L);
            for (int i = 0; i < argv.length; i++) {
                args.setAtIndex(ADDRESS, i, arena.allocateFrom(argv[i]));
            }
            args.setAtIndex(ADDRESS, argv.length, MemorySegment.NULL);
            MemorySegment env = arena.allocate(ADDRESS);
            env.set(ADDRESS, 0, MemorySegment.NULL);
            MemorySegment pid = arena.allocate(JAVA_INT);
            int err = (int) POSIX_SPAWN.invokeExact(pid, args.getAtIndex(ADDRESS, 0), MemorySegment.NULL,
                    MemorySegment.NULL, args, env);
            if (err != 0) {
                throw new IllegalStateException("posix_spawn(" + argv[0] + ") failed: errno " + err);
            }
            return pid.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * A UDP socket bound to 127.0.0.1 on a free port and connected to itself, so that a {@link #write} on it
     * queues a datagram on its own receive queue.
     */
    public static int udpSocketConnectedToItself() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Downcalls.errnoState(arena);
            int fd = (int) check("socket", (int) SOCKET.invokeExact(errno, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0),
                    errno);
            MemorySegment address = arena.allocate(SOCKADDR_IN_SIZE, 4);
            address.set(JAVA_SHORT, 0, (short) AF_INET);
            address.set(JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN), 4, 0x7F00_0001);
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, SOCKADDR_IN_SIZE);
            try {
                check("bind", (int) BIND.invokeExact(errno, fd, address, SOCKADDR_IN_SIZE), errno);
                check("getsockname", (int) GETSOCKNAME.invokeExact(errno, fd, address, length), errno);
                check("connect", (int) CONNECT.invokeExact(errno, fd, address, SOCKADDR_IN_SIZE), errno);
            } catch (RuntimeException e) {
                close(fd);
                throw e;
            }
            return fd;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
