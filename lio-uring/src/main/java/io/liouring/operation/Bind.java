package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.struct.SockAddr;

/**
 * Binds a socket to a local address, like {@code bind(2)} ({@code IORING_OP_BIND}, Linux 6.11;
 * {@code io_uring_prep_bind(3)}). Completes with 0 or {@code -errno} (EADDRINUSE, ...).
 */
public final class Bind extends AddressIo<Bind> {
    /**
     * Binds socket {@code fd} to {@code address}.
     *
     * @param fd the socket (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param address the local address; port 0 lets the kernel pick a free one
     */
    public Bind(int fd, SockAddr address) {
        super(Opcode.BIND, fd, address);
    }

    @Override
    Bind self() {
        return this;
    }
}
