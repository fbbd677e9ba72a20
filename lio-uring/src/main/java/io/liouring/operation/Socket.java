package io.liouring.operation;

import io.liouring.DirectFd;
import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

/**
 * Creates a socket, like {@code socket(2)} ({@code IORING_OP_SOCKET}, Linux 5.19; {@code io_uring_prep_socket(3)},
 * {@code io_uring_prep_socket_direct(3)}).
 *
 * <p>Completes with the new fd; with {@link #direct(DirectFd)} with 0 (the socket is in that registered-file slot);
 * with {@link #directAllocate()} with the slot the kernel picked; or {@code -errno}.
 */
public final class Socket implements Operation {
    private int domain;
    private int type;
    private int protocol;
    private int fileIndex = DirectSlot.NONE;

    /**
     * Creates a socket of {@code domain}, {@code type} and {@code protocol}.
     *
     * @param domain   {@code AddressFamily.AF_*}
     * @param type     {@code SocketType.SOCK_*}, optionally OR-ed with {@code SOCK_NONBLOCK}/{@code SOCK_CLOEXEC}
     * @param protocol 0 for the family's default, or {@code SocketOptions.IPPROTO_*}
     */
    public Socket(int domain, int type, int protocol) {
        this.domain = domain;
        this.type = type;
        this.protocol = protocol;
    }

    /**
     * Create the socket as the direct descriptor {@code slot} (replaced if taken), not as a normal fd.
     *
     * @param slot the slot to fill
     * @return this operation
     */
    public Socket direct(DirectFd slot) {
        this.fileIndex = DirectSlot.of(slot);
        return this;
    }

    /**
     * Create the socket as a direct descriptor in a free slot the kernel picks (the completion's result).
     *
     * @return this operation
     */
    public Socket directAllocate() {
        this.fileIndex = DirectSlot.ALLOCATE;
        return this;
    }

    /**
     * Create a normal fd again.
     *
     * @return this operation
     */
    public Socket normalFd() {
        this.fileIndex = DirectSlot.NONE;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(Opcode.SOCKET, domain, 0, protocol, type).fileIndex(fileIndex);
    }
}
