package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.struct.SockAddr;

/**
 * Connects a socket to a peer, like {@code connect(2)} ({@code IORING_OP_CONNECT}, Linux 5.5;
 * {@code io_uring_prep_connect(3)}). Completes with 0 once connected, or {@code -errno} (ECONNREFUSED, ...).
 */
public final class Connect extends AddressIo<Connect> {
    public Connect(int fd, SockAddr address) {
        super(Opcode.CONNECT, fd, address);
    }

    @Override
    Connect self() {
        return this;
    }
}
