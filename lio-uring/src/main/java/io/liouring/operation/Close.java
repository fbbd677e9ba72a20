package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

/**
 * Closes a file descriptor, like {@code close(2)} ({@code IORING_OP_CLOSE}, Linux 5.6;
 * {@code io_uring_prep_close(3)}), or a direct descriptor's slot ({@link #direct(int)}, 5.15).
 * Completes with 0 or {@code -errno}. Reusable: {@link #fd(int)} and {@link #slot(int)} retarget it.
 */
public final class Close implements Operation {
    private int fd;
    private int fileIndex;

    /** Closes a normal file descriptor. */
    public Close(int fd) {
        fd(fd);
    }

    /** Closes the direct descriptor in registered-file slot {@code slot}. */
    public static Close direct(int slot) {
        return new Close(0).slot(slot);
    }

    /** Close normal file descriptor {@code fd} next time. */
    public Close fd(int fd) {
        this.fd = fd;
        this.fileIndex = DirectSlot.NONE;
        return this;
    }

    /** Close the direct descriptor in registered-file slot {@code slot} next time. */
    public Close slot(int slot) {
        this.fileIndex = DirectSlot.of(slot);
        this.fd = 0;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.opcode(Opcode.CLOSE).fd(fd).fileIndex(fileIndex);
    }
}
