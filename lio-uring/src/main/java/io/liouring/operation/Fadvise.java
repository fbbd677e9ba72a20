package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;

/**
 * Announces how a range of an open file will be accessed, like {@code posix_fadvise(2)}
 * ({@code IORING_OP_FADVISE}, Linux 5.6; {@code io_uring_prep_fadvise(3)}, {@code io_uring_prep_fadvise64(3)}).
 * Completes with 0 or {@code -errno}: {@code -EBADF} for an fd that is not open, {@code -EINVAL} for
 * unknown advice, {@code -ESPIPE} for a pipe.
 *
 * <p>A length up to 4 GiB - 1 goes in the 32-bit {@code len} field every kernel reads; a longer one goes in
 * the 64-bit {@code addr} field, which the kernel reads since Linux 6.11 (older kernels refuse it with
 * {@code -EINVAL}).
 */
public final class Fadvise implements Operation {
    private static final long U32_MAX = 0xFFFF_FFFFL;

    private int fd;
    private long offset;
    private long length;
    private int advice;

    /**
     * Advises the kernel about the expected access to a byte range of a file.
     *
     * @param fd     the file (or a direct descriptor's slot, pushed with {@code FIXED_FILE})
     * @param offset where the range starts, in bytes from the file's start
     * @param length bytes from {@code offset}; 0 means to the end of the file
     * @param advice a {@link FileAdvice} value
     */
    public Fadvise(int fd, long offset, long length, int advice) {
        this.fd = fd;
        range(offset, length);
        this.advice = advice;
    }

    /**
     * Change the file (for reuse).
     *
     * @param fd the file (or a direct descriptor's slot, pushed with {@code FIXED_FILE})
     * @return this operation
     */
    public Fadvise fd(int fd) {
        this.fd = fd;
        return this;
    }

    /**
     * The byte range; a length of 0 means to the end of the file.
     *
     * @param offset where the range starts, not negative
     * @param length bytes from {@code offset}, not negative; 0 means to the end of the file
     * @return this operation
     */
    public Fadvise range(long offset, long length) {
        this.offset = Checks.requireNonNegative(offset, "offset");
        this.length = Checks.requireNonNegative(length, "length");
        return this;
    }

    /**
     * A {@link FileAdvice} value.
     *
     * @param advice {@code POSIX_FADV_*} value from {@link FileAdvice}
     * @return this operation
     */
    public Fadvise advice(int advice) {
        this.advice = advice;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        boolean fits = length <= U32_MAX;
        sqe.prepRw(Opcode.FADVISE, fd, fits ? 0 : length, fits ? (int) length : 0, offset).opFlags(advice);
    }
}
