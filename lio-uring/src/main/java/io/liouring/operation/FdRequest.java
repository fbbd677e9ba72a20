package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

/**
 * What every request on one descriptor shares: its opcode and the fd it acts on, which may be a
 * direct descriptor's slot when the request is pushed with {@code SqeFlags.FIXED_FILE}.
 */
abstract class FdRequest<T extends FdRequest<T>> implements Operation {
    private final Opcode opcode;
    private int fd;

    FdRequest(Opcode opcode, int fd) {
        this.opcode = opcode;
        this.fd = fd;
    }

    abstract T self();

    /**
     * The file descriptor (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE}).
     *
     * @param fd the descriptor, or a slot number with {@code FIXED_FILE}
     * @return this operation
     */
    public T fd(int fd) {
        this.fd = fd;
        return self();
    }

    /** {@return the descriptor, or the slot number of a direct descriptor} */
    public int fd() {
        return fd;
    }

    /** Starts the SQE (zeroed by the ring): writes opcode, fd, {@code addr}, {@code len} and {@code off}. */
    final Sqe prep(Sqe sqe, long addr, int len, long off) {
        return sqe.prepRw(opcode, fd, addr, len, off);
    }
}
