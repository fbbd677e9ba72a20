package io.liouring.internal;

import io.liouring.UringException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * {@code getsockopt(2)} and {@code setsockopt(2)} of an int option as direct calls: the io_uring form of the
 * first ({@code SOCKET_URING_OP_GETSOCKOPT}, 6.7) takes only {@code SOL_SOCKET}, and both only copy a value out of
 * or into the socket, so they never block — a thread that must not wait for a ring (an event loop's) may call them.
 */
public final class SocketOptionCalls {
    private static final MethodHandle GETSOCKOPT = Libc.downcall("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), Libc.CAPTURE_ERRNO);
    private static final MethodHandle SETSOCKOPT = Libc.downcall("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), Libc.CAPTURE_ERRNO);

    private SocketOptionCalls() {
    }

    /**
     * The int value of option {@code name} at {@code level} of socket {@code fd}.
     *
     * @param fd the socket
     * @param level the option's level, e.g. {@code SOL_SOCKET}
     * @param name the option at that level
     * @return the option's value
     * @throws UringException naming the errno if the call fails
     */
    public static int getInt(int fd, int level, int name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocateFrom(JAVA_INT, (int) JAVA_INT.byteSize());
            MemorySegment state = Libc.newErrnoState(arena);
            int r = (int) GETSOCKOPT.invokeExact(state, fd, level, name, value, length);
            if (r < 0) {
                throw new UringException("getsockopt(fd=" + fd + ", level=" + level + ", name=" + name + ")",
                        Libc.errno(state));
            }
            return value.get(JAVA_INT, 0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("getsockopt failed", t);
        }
    }

    /**
     * Sets option {@code name} at {@code level} of socket {@code fd} to the int {@code value}.
     *
     * @param fd the socket
     * @param level the option's level, e.g. {@code SOL_SOCKET}
     * @param name the option at that level
     * @param value the value to set
     * @throws UringException naming the errno if the call fails
     */
    public static void setInt(int fd, int level, int name, int value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocateFrom(JAVA_INT, value);
            MemorySegment state = Libc.newErrnoState(arena);
            int r = (int) SETSOCKOPT.invokeExact(state, fd, level, name, in, (int) JAVA_INT.byteSize());
            if (r < 0) {
                throw new UringException("setsockopt(fd=" + fd + ", level=" + level + ", name=" + name + ")",
                        Libc.errno(state));
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("setsockopt failed", t);
        }
    }
}
