package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;

/**
 * Marks a bound socket as accepting connections, like {@code listen(2)} ({@code IORING_OP_LISTEN}, Linux 6.11;
 * {@code io_uring_prep_listen(3)}). Completes with 0 or {@code -errno}.
 */
public final class Listen implements Operation {
    private int fd;
    private int backlog;

    /**
     * Marks socket {@code fd} as accepting connections.
     *
     * @param fd a bound stream socket (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param backlog the queue length for connections not yet accepted (capped by {@code somaxconn})
     */
    public Listen(int fd, int backlog) {
        this.fd = fd;
        backlog(backlog);
    }

    /**
     * Change the socket (for reuse).
     *
     * @param fd a bound stream socket
     * @return this operation
     */
    public Listen fd(int fd) {
        this.fd = fd;
        return this;
    }

    /**
     * Change the backlog (for reuse).
     *
     * @param backlog not negative; capped by {@code net.core.somaxconn}
     * @return this operation
     */
    public Listen backlog(int backlog) {
        this.backlog = Checks.requireNonNegative(backlog, "backlog");
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(Opcode.LISTEN, fd, 0, backlog, 0);
    }
}
