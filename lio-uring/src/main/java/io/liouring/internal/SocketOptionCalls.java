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

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * {@code getsockopt(2)} of an int option as a direct call: the io_uring form ({@code SOCKET_URING_OP_GETSOCKOPT},
 * 6.7) takes only {@code SOL_SOCKET}, and the call only copies a value out of the socket, so it never blocks.
 */
public final class SocketOptionCalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle GETSOCKOPT = LINKER.downcallHandle(
            LINKER.defaultLookup().find("getsockopt").orElseThrow(() -> new UnsatisfiedLinkError("libc has no getsockopt")),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS),
            Linker.Option.captureCallState("errno"));

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
            MemorySegment state = arena.allocate(CAPTURE);
            int r = (int) GETSOCKOPT.invokeExact(state, fd, level, name, value, length);
            if (r < 0) {
                throw new UringException("getsockopt(fd=" + fd + ", level=" + level + ", name=" + name + ")",
                        (int) ERRNO.get(state, 0L));
            }
            return value.get(JAVA_INT, 0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("getsockopt failed", t);
        }
    }
}
