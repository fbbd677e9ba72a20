package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

/**
 * Closes a file descriptor, like {@code close(2)} ({@code IORING_OP_CLOSE}, Linux 5.6;
 * {@code io_uring_prep_close(3)}), or a direct descriptor's slot ({@link #direct(int)}, 5.15).
 */
public final class Close implements Operation {
    private final int fd;
    private final int fileIndex;

    /** Closes a normal file descriptor. */
    public Close(int fd) {
        this(fd, DirectSlot.NONE);
    }

    private Close(int fd, int fileIndex) {
        this.fd = fd;
        this.fileIndex = fileIndex;
    }

    /** Closes the direct descriptor in registered-file slot {@code slot}. */
    public static Close direct(int slot) {
        return new Close(0, DirectSlot.of(slot));
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.opcode(Opcode.CLOSE).fd(fd).fileIndex(fileIndex);
    }
}
