package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.struct.SockAddr;

/**
 * Connects a socket to a peer, like {@code connect(2)} ({@code IORING_OP_CONNECT}, Linux 5.5;
 * {@code io_uring_prep_connect(3)}). Completes with 0 once connected, or {@code -errno} (ECONNREFUSED, ...).
 */
public final class Connect extends AddressIo<Connect> {
    /**
     * Connects socket {@code fd} to {@code address}.
     *
     * @param fd the socket (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param address the peer's address
     */
    public Connect(int fd, SockAddr address) {
        super(Opcode.CONNECT, fd, address);
    }

    @Override
    Connect self() {
        return this;
    }
}
