package io.liouring.operation;

import io.liouring.DirectFd;
import io.liouring.struct.SockAddrStorage;

import java.util.Objects;

/**
 * Accepts one connection on a listening socket, like {@code accept4(2)} ({@code IORING_OP_ACCEPT}, Linux 5.5;
 * {@code io_uring_prep_accept(3)}, {@code io_uring_prep_accept_direct(3)}).
 *
 * <p>Completes with the new connection's fd; with {@link #direct(DirectFd)} with 0; with {@link #directAllocate()}
 * with the slot the kernel picked; or {@code -errno}. With {@link #peerAddress} the peer's address is
 * written to the given storage.
 */
public final class Accept extends AcceptBase<Accept> {
    /**
     * Accepts one connection on listening socket {@code fd}, reporting no peer address.
     *
     * @param fd a listening socket (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     */
    public Accept(int fd) {
        super(0, fd);
    }

    /**
     * Write the peer's address into {@code storage} (reset on every push; read it after the completion).
     *
     * @param storage where the kernel writes the address and its length
     * @return this operation
     */
    public Accept peerAddress(SockAddrStorage storage) {
        return peer(Objects.requireNonNull(storage, "storage"));
    }

    /**
     * Do not report the peer's address.
     *
     * @return this operation
     */
    public Accept noPeerAddress() {
        return peer(null);
    }

    /**
     * Put the new connection in the direct descriptor {@code slot} (5.15; replaced if taken).
     *
     * @param slot the slot to fill
     * @return this operation
     */
    public Accept direct(DirectFd slot) {
        return fileIndex(DirectSlot.of(slot));
    }

    /**
     * Fail with EAGAIN at once if no connection is pending, instead of waiting ({@code IORING_ACCEPT_DONTWAIT}, 6.10).
     *
     * @return this operation
     */
    public Accept dontWait() {
        return addIoprio(DONTWAIT);
    }

    @Override
    Accept self() {
        return this;
    }
}
