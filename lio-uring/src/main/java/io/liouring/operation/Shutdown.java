package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.ShutdownHow;
import io.liouring.Sqe;

/**
 * Shuts down one or both directions of a connection, like {@code shutdown(2)} ({@code IORING_OP_SHUTDOWN},
 * Linux 5.11; {@code io_uring_prep_shutdown(3)}). Completes with 0 or {@code -errno} (ENOTCONN, ...).
 */
public final class Shutdown implements Operation {
    private int fd;
    private int how;

    /**
     * Shuts down part of the connection of {@code fd}.
     *
     * @param fd the socket (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param how {@link ShutdownHow#SHUT_RD}, {@link ShutdownHow#SHUT_WR} or {@link ShutdownHow#SHUT_RDWR}
     */
    public Shutdown(int fd, int how) {
        this.fd = fd;
        how(how);
    }

    /**
     * Change the socket (for reuse).
     *
     * @param fd the socket
     * @return this operation
     */
    public Shutdown fd(int fd) {
        this.fd = fd;
        return this;
    }

    /**
     * Change what to shut down (for reuse).
     *
     * @param how {@link ShutdownHow#SHUT_RD}, {@link ShutdownHow#SHUT_WR} or {@link ShutdownHow#SHUT_RDWR}
     * @return this operation
     */
    public Shutdown how(int how) {
        if (how < ShutdownHow.SHUT_RD || how > ShutdownHow.SHUT_RDWR) {
            throw new IllegalArgumentException("how must be SHUT_RD (0), SHUT_WR (1) or SHUT_RDWR (2): " + how);
        }
        this.how = how;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(Opcode.SHUTDOWN, fd, 0, how, 0);
    }
}
