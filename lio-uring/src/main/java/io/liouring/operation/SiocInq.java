package io.liouring.operation;

import io.liouring.Operation;
import io.liouring.Sqe;

/**
 * Asks how many received bytes wait unread in a socket, like {@code ioctl(fd, SIOCINQ)}
 * ({@code IORING_OP_URING_CMD} with {@code SOCKET_URING_OP_SIOCINQ}, Linux 6.7; {@code io_uring_prep_cmd_sock(3)}).
 * Completes with that count, or {@code -errno} (EINVAL on a listening socket).
 */
public final class SiocInq implements Operation {
    private int fd;

    /**
     * Asks for the unread bytes of socket {@code fd}.
     *
     * @param fd the socket
     */
    public SiocInq(int fd) {
        this.fd = fd;
    }

    /**
     * Change the socket (for reuse).
     *
     * @param fd the socket
     * @return this operation
     */
    public SiocInq fd(int fd) {
        this.fd = fd;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        SocketCommands.encode(sqe, fd, SocketCommands.SIOCINQ);
    }
}
