package io.liouring.operation;

import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.struct.SockAddrStorage;

import java.util.Objects;

/**
 * Reads a socket's local address, like {@code getsockname(2)}, or its peer's with {@link #peer()}, like
 * {@code getpeername(2)} ({@code IORING_OP_URING_CMD} with {@code SOCKET_URING_OP_GETSOCKNAME}, Linux 6.19;
 * {@code io_uring_prep_cmd_getsockname(3)}). Older kernels answer {@code -EOPNOTSUPP}.
 *
 * <p>Completes with 0 (the address is in the storage) or {@code -errno}.
 */
public final class GetSockName implements Operation {
    private final SockAddrStorage storage;
    private int fd;
    private boolean peer;

    /**
     * Writes the address into {@code storage} (reset on every push).
     *
     * @param fd the socket (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param storage where the kernel writes the address
     */
    public GetSockName(int fd, SockAddrStorage storage) {
        this.fd = fd;
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    /**
     * Change the socket (for reuse).
     *
     * @param fd the socket (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @return this operation
     */
    public GetSockName fd(int fd) {
        this.fd = fd;
        return this;
    }

    /**
     * Report the connected peer's address instead of the local one.
     *
     * @return this operation
     */
    public GetSockName peer() {
        this.peer = true;
        return this;
    }

    /**
     * Report the local address (the default).
     *
     * @return this operation
     */
    public GetSockName local() {
        this.peer = false;
        return this;
    }

    /** {@return where the kernel writes the address} */
    public SockAddrStorage storage() {
        return storage;
    }

    @Override
    public void encode(Sqe sqe) {
        storage.reset();
        SocketCommands.encode(sqe, fd, SocketCommands.GETSOCKNAME).addr(storage.segment().address())
                .addr3(storage.lengthSegment().address()).fileIndex(peer ? 1 : 0);
    }
}
