package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;

/**
 * Sets the size of an open file, like {@code ftruncate(2)} ({@code IORING_OP_FTRUNCATE}, Linux 6.9;
 * {@code io_uring_prep_ftruncate(3)}): bytes past the new size are dropped, a larger size reads as zeros.
 * Completes with 0 or {@code -errno} ({@code -EINVAL} if the fd is not open for writing or not a file).
 */
public final class Ftruncate implements Operation {
    private int fd;
    private long length;

    /**
     * Truncates or extends {@code fd} (or a direct descriptor's slot, pushed with {@code FIXED_FILE}) to {@code length} bytes.
     *
     * @param fd the file, open for writing (or a direct descriptor's slot, pushed with {@code FIXED_FILE})
     * @param length the new size in bytes, not negative
     */
    public Ftruncate(int fd, long length) {
        this.fd = fd;
        length(length);
    }

    /**
     * Change the file (for reuse).
     *
     * @param fd the file, open for writing (or a direct descriptor's slot, pushed with {@code FIXED_FILE})
     * @return this operation
     */
    public Ftruncate fd(int fd) {
        this.fd = fd;
        return this;
    }

    /**
     * The new size in bytes.
     *
     * @param length the new size in bytes, not negative; bytes past the old end read as zeros
     * @return this operation
     */
    public Ftruncate length(long length) {
        this.length = Checks.requireNonNegative(length, "length");
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.opcode(Opcode.FTRUNCATE).fd(fd).off(length);
    }
}
