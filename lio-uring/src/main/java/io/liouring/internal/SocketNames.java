package io.liouring.internal;

import io.liouring.UringException;
import io.liouring.struct.SockAddr;
import io.liouring.struct.SockAddrStorage;

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
 * {@code getsockname(2)} and {@code getpeername(2)}: the io_uring form ({@code SOCKET_URING_OP_GETSOCKNAME})
 * needs Linux 6.19, and both calls only copy an address out of the socket, so a direct call never blocks.
 */
public final class SocketNames {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle GETSOCKNAME = downcall("getsockname");
    private static final MethodHandle GETPEERNAME = downcall("getpeername");

    private SocketNames() {
    }

    private static MethodHandle downcall(String name) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
        return LINKER.downcallHandle(symbol, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS),
                Linker.Option.captureCallState("errno"));
    }

    /**
     * {@return the address the socket is bound to}
     *
     * @param fd the socket
     */
    public static SockAddr local(int fd) {
        return call(GETSOCKNAME, "getsockname", fd);
    }

    /**
     * {@return the address of the socket's peer}
     *
     * @param fd the socket
     */
    public static SockAddr peer(int fd) {
        return call(GETPEERNAME, "getpeername", fd);
    }

    private static SockAddr call(MethodHandle handle, String name, int fd) {
        try (Arena arena = Arena.ofConfined()) {
            SockAddrStorage storage = new SockAddrStorage(arena);
            MemorySegment state = arena.allocate(CAPTURE);
            int r = (int) handle.invokeExact(state, fd, storage.segment(), storage.lengthSegment());
            if (r < 0) {
                throw new UringException(name + "(fd=" + fd + ")", (int) ERRNO.get(state, 0L));
            }
            return storage.address();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(name + " failed", t);
        }
    }
}
