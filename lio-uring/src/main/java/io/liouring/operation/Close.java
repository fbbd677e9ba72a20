package io.liouring.operation;

import io.liouring.DirectFd;
import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

/**
 * Closes a file descriptor, like {@code close(2)} ({@code IORING_OP_CLOSE}, Linux 5.6;
 * {@code io_uring_prep_close(3)}), or a direct descriptor ({@link #Close(DirectFd)}, 5.15;
 * {@code io_uring_prep_close_direct(3)}). Completes with 0 or {@code -errno}. Reusable: {@link #fd(int)} and
 * {@link #fd(DirectFd)} retarget it.
 */
public final class Close implements Operation {
    private int fd;
    private int fileIndex;

    /**
     * Closes a normal file descriptor.
     *
     * @param fd the descriptor to close
     */
    public Close(int fd) {
        fd(fd);
    }

    /**
     * Closes the direct descriptor {@code slot}: empties that slot of the registered-file table.
     *
     * @param slot the direct descriptor to close
     */
    public Close(DirectFd slot) {
        fd(slot);
    }

    /**
     * Close normal file descriptor {@code fd} next time.
     *
     * @param fd the descriptor to close
     * @return this operation
     */
    public Close fd(int fd) {
        this.fd = fd;
        this.fileIndex = DirectSlot.NONE;
        return this;
    }

    /**
     * Close the direct descriptor {@code slot} next time.
     *
     * @param slot the direct descriptor to close
     * @return this operation
     */
    public Close fd(DirectFd slot) {
        this.fileIndex = DirectSlot.of(slot);
        this.fd = 0;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.opcode(Opcode.CLOSE).fd(fd).fileIndex(fileIndex);
    }
}
