package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;

/**
 * Flushes a file to storage, like {@code fsync(2)}, or {@code fdatasync(2)} with {@link #dataSync()}
 * ({@code IORING_OP_FSYNC}, Linux 5.1; {@code io_uring_prep_fsync(3)}).
 */
public final class Fsync implements Operation {
    private static final int DATASYNC = 1;

    private int fd;
    private int flags;
    private long offset;
    private int length;

    /**
     * Flushes file {@code fd}'s data and metadata to storage.
     *
     * @param fd the file (or a direct descriptor's slot, pushed with {@code FIXED_FILE})
     */
    public Fsync(int fd) {
        this.fd = fd;
    }

    /**
     * Change the file (for reuse).
     *
     * @param fd the file (or a direct descriptor's slot, pushed with {@code FIXED_FILE})
     * @return this operation
     */
    public Fsync fd(int fd) {
        this.fd = fd;
        return this;
    }

    /**
     * Flush data only, not metadata that reading back does not need (fdatasync).
     *
     * @return this operation
     */
    public Fsync dataSync() {
        this.flags = DATASYNC;
        return this;
    }

    /**
     * Restrict the flush to {@code length} bytes at {@code offset} (0, 0: the whole file).
     *
     * @param offset where the range starts, not negative
     * @param length bytes of the range, not negative (0: to the end of the file)
     * @return this operation
     */
    public Fsync range(long offset, int length) {
        this.offset = Checks.requireNonNegative(offset, "offset");
        this.length = Checks.requireNonNegative(length, "length");
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(Opcode.FSYNC, fd, 0, length, offset).opFlags(flags);
    }
}
