package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;

/**
 * Allocates or deallocates disk space for a range of an open file, like {@code fallocate(2)}
 * ({@code IORING_OP_FALLOCATE}, Linux 5.6; {@code io_uring_prep_fallocate(3)}). With mode 0 it allocates
 * the range and extends the file if the range ends past it; {@link FallocateMode} bits keep the size, punch
 * holes, zero, collapse or insert ranges. Completes with 0 or {@code -errno} ({@code -EOPNOTSUPP} where the
 * file system lacks the mode, {@code -EINVAL} for a zero length).
 */
public final class Fallocate implements Operation {
    private int fd;
    private long offset;
    private long length;
    private int mode;

    /**
     * Allocates {@code length} bytes at {@code offset} of {@code fd} (or a direct descriptor's slot, pushed with {@code FIXED_FILE}).
     *
     * @param fd the file (or a direct descriptor's slot, pushed with {@code FIXED_FILE})
     * @param offset where the range starts, not negative
     * @param length bytes to allocate, positive
     */
    public Fallocate(int fd, long offset, long length) {
        this.fd = fd;
        range(offset, length);
    }

    /**
     * Change the file (for reuse).
     *
     * @param fd the file (or a direct descriptor's slot, pushed with {@code FIXED_FILE})
     * @return this operation
     */
    public Fallocate fd(int fd) {
        this.fd = fd;
        return this;
    }

    /**
     * The byte range.
     *
     * @param offset where the range starts, not negative
     * @param length bytes of the range, positive
     * @return this operation
     */
    public Fallocate range(long offset, long length) {
        this.offset = Checks.requireNonNegative(offset, "offset");
        this.length = Checks.requireNonNegative(length, "length");
        return this;
    }

    /**
     * {@link FallocateMode} bits (0: allocate, extending the file).
     *
     * @param mode {@link FallocateMode} bits ({@code KEEP_SIZE}, {@code PUNCH_HOLE}, ...), or 0
     * @return this operation
     */
    public Fallocate mode(int mode) {
        this.mode = mode;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(Opcode.FALLOCATE, fd, length, mode, offset);
    }
}
