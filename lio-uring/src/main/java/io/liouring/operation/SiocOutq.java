package io.liouring.operation;

import io.liouring.Operation;
import io.liouring.Sqe;

/**
 * Asks how many bytes wait unsent (or unacknowledged) in a socket's send queue, like
 * {@code ioctl(fd, SIOCOUTQ)} ({@code IORING_OP_URING_CMD} with {@code SOCKET_URING_OP_SIOCOUTQ}, Linux 6.7;
 * {@code io_uring_prep_cmd_sock(3)}). Completes with that count, or {@code -errno}.
 */
public final class SiocOutq implements Operation {
    private int fd;

    /**
     * Asks for the unsent bytes of socket {@code fd}.
     *
     * @param fd the socket
     */
    public SiocOutq(int fd) {
        this.fd = fd;
    }

    /**
     * Change the socket (for reuse).
     *
     * @param fd the socket
     * @return this operation
     */
    public SiocOutq fd(int fd) {
        this.fd = fd;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        SocketCommands.encode(sqe, fd, SocketCommands.SIOCOUTQ);
    }
}
