package io.liouring.operation;

import io.liouring.Operation;
import io.liouring.Sqe;

/**
 * Reads a socket's transmit timestamps from its error queue as completions ({@code IORING_OP_URING_CMD} with
 * {@code SOCKET_URING_OP_TX_TIMESTAMP}, Linux 6.17; there is no man page: the kernel's {@code
 * io_uring/cmd_net.c} and liburing's {@code test/timestamp.c} describe it). The socket must ask for timestamps
 * without payload ({@code SO_TIMESTAMPING} with {@code SOF_TIMESTAMPING_OPT_TSONLY} and the kinds wanted, see
 * {@code Documentation/networking/timestamping.rst}); others stay on the error queue for {@code recvmsg(MSG_ERRQUEUE)}.
 *
 * <p>Multishot: each timestamp is a 32-byte completion with {@code F_MORE} (the ring needs {@code CQE32}; on any
 * other ring the kernel answers {@code -EINVAL}), decoded by {@link TxTimestampReport#of(io.liouring.Completion)};
 * the request stays armed until cancelled or the socket fails. A socket whose protocol has no ioctl (a Unix
 * socket) answers {@code -EOPNOTSUPP}.
 */
public final class TxTimestamp implements Operation {
    private int fd;

    /**
     * Reports the transmit timestamps of socket {@code fd}.
     *
     * @param fd the socket (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     */
    public TxTimestamp(int fd) {
        this.fd = fd;
    }

    /**
     * Change the socket (for reuse).
     *
     * @param fd the socket
     * @return this operation
     */
    public TxTimestamp fd(int fd) {
        this.fd = fd;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        SocketCommands.encode(sqe, fd, SocketCommands.TX_TIMESTAMP);
    }
}
