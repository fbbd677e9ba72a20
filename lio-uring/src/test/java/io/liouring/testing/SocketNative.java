package io.liouring.testing;

import io.liouring.UringException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.time.Duration;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Test-side socket system calls, straight to libc, so tests can set up sockets and check what the ring did
 * without going through the ring: {@code socketpair}, {@code write}, {@code read} with a {@code poll}
 * timeout, {@code getsockname}, {@code getsockopt}, {@code ioctl}.
 */
public final class SocketNative {

    private static final MethodHandle SOCKETPAIR = Downcalls.libc("socketpair",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle WRITE = Downcalls.libc("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle READ = Downcalls.libc("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle POLL = Downcalls.libc("poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = Downcalls.libc("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETSOCKOPT = Downcalls.libc("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle IOCTL = Downcalls.libc("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));

    /** {@code FIONREAD} (= {@code SIOCINQ}): bytes waiting to be read. */
    public static final long FIONREAD = 0x541B;

    private static final short POLLIN = 1;

    private SocketNative() {
    }

    private static UringException failure(String call, MemorySegment state) {
        return new UringException(call, Downcalls.errno(state));
    }

    /** {@code socketpair(domain, type, 0)}: two connected sockets. */
    public static int[] socketPair(int domain, int type) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Downcalls.errnoState(arena);
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            int r = (int) SOCKETPAIR.invokeExact(state, domain, type, 0, fds);
            if (r != 0) {
                throw failure("socketpair", state);
            }
            return fds.toArray(JAVA_INT);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Writes all of {@code data} to {@code fd} (one {@code write}; fine for small test payloads). */
    public static void write(int fd, byte[] data) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Downcalls.errnoState(arena);
            MemorySegment buf = arena.allocate(Math.max(1, data.length));
            MemorySegment.copy(data, 0, buf, JAVA_BYTE, 0, data.length);
            long r = (long) WRITE.invokeExact(state, fd, buf, (long) data.length);
            if (r != data.length) {
                throw r < 0 ? failure("write", state) : new IllegalStateException("short write: " + r);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Reads exactly {@code n} bytes from {@code fd}, waiting at most {@code timeout} for each part to arrive.
     *
     * @throws IllegalStateException if the data does not come in time or the stream ends first
     */
    public static byte[] readExactly(int fd, int n, Duration timeout) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Downcalls.errnoState(arena);
            MemorySegment buf = arena.allocate(Math.max(1, n));
            MemorySegment pollFd = arena.allocate(8, 4);
            int got = 0;
            while (got < n) {
                pollFd.set(JAVA_INT, 0, fd);
                pollFd.set(JAVA_SHORT, 4, POLLIN);
                pollFd.set(JAVA_SHORT, 6, (short) 0);
                int ready = (int) POLL.invokeExact(state, pollFd, 1L, (int) timeout.toMillis());
                if (ready < 0) {
                    throw failure("poll", state);
                }
                if (ready == 0) {
                    throw new IllegalStateException("no data within " + timeout + " after " + got + " of " + n + " bytes");
                }
                long r = (long) READ.invokeExact(state, fd, buf.asSlice(got), (long) (n - got));
                if (r < 0) {
                    throw failure("read", state);
                }
                if (r == 0) {
                    throw new IllegalStateException("end of stream after " + got + " of " + n + " bytes");
                }
                got += (int) r;
            }
            return buf.asSlice(0, n).toArray(JAVA_BYTE);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * One {@code read} of at most {@code max} bytes after waiting at most {@code timeout} for the fd to be
     * readable: the bytes, or an empty array at end of stream.
     */
    public static byte[] readSome(int fd, int max, Duration timeout) {
        if (!readable(fd, timeout)) {
            throw new IllegalStateException("nothing to read within " + timeout);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Downcalls.errnoState(arena);
            MemorySegment buf = arena.allocate(Math.max(1, max));
            long r = (long) READ.invokeExact(state, fd, buf, (long) max);
            if (r < 0) {
                throw failure("read", state);
            }
            return buf.asSlice(0, r).toArray(JAVA_BYTE);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@code ioctl(fd, request, &int)}: the int the kernel reports (for {@link #FIONREAD}, say). */
    public static int ioctlInt(int fd, long request) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Downcalls.errnoState(arena);
            MemorySegment value = arena.allocate(JAVA_INT);
            int r = (int) IOCTL.invokeExact(state, fd, request, value);
            if (r != 0) {
                throw failure("ioctl", state);
            }
            return value.get(JAVA_INT, 0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Whether {@code fd} has data (or end of stream) to read within {@code timeout}. */
    public static boolean readable(int fd, Duration timeout) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Downcalls.errnoState(arena);
            MemorySegment pollFd = arena.allocate(8, 4);
            pollFd.set(JAVA_INT, 0, fd);
            pollFd.set(JAVA_SHORT, 4, POLLIN);
            int ready = (int) POLL.invokeExact(state, pollFd, 1L, (int) timeout.toMillis());
            if (ready < 0) {
                throw failure("poll", state);
            }
            return ready > 0;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@code getsockname(fd)}: the raw local address bytes, exactly as long as the kernel reports. */
    public static byte[] localAddress(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Downcalls.errnoState(arena);
            MemorySegment addr = arena.allocate(128, 8);
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, 128);
            int r = (int) GETSOCKNAME.invokeExact(state, fd, addr, len);
            if (r != 0) {
                throw failure("getsockname", state);
            }
            return addr.asSlice(0, len.get(JAVA_INT, 0)).toArray(JAVA_BYTE);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The port of an IPv4 or IPv6 socket's local address ({@code getsockname}). */
    public static int localPort(int fd) {
        byte[] a = localAddress(fd);
        return ((a[2] & 0xFF) << 8) | (a[3] & 0xFF);
    }

    /** {@code getsockopt(fd, level, optname)} of an {@code int} option. */
    public static int intOption(int fd, int level, int optname) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Downcalls.errnoState(arena);
            MemorySegment value = arena.allocate(JAVA_INT);
            MemorySegment len = arena.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, 4);
            int r = (int) GETSOCKOPT.invokeExact(state, fd, level, optname, value, len);
            if (r != 0) {
                throw failure("getsockopt", state);
            }
            return value.get(JAVA_INT, 0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
