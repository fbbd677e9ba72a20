package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;

/**
 * Starts and/or waits for write-out of a range of an open file, like {@code sync_file_range(2)}
 * ({@code IORING_OP_SYNC_FILE_RANGE}, Linux 5.2; {@code io_uring_prep_sync_file_range(3)}). This flushes
 * data pages only, never metadata: it is no durability guarantee (use {@link Fsync} for that).
 * Completes with 0 or {@code -errno}: {@code -EBADF} for an fd that is not open, {@code -EINVAL} for
 * unknown flags, {@code -ESPIPE} for a pipe.
 *
 * <p>The flags default to {@code WAIT_BEFORE | WRITE | WAIT_AFTER}: write the range out and wait for it.
 */
public final class SyncFileRange implements Operation {
    private static final long U32_MAX = 0xFFFF_FFFFL;
    private static final int WRITE_AND_WAIT =
            SyncRangeFlags.WAIT_BEFORE | SyncRangeFlags.WRITE | SyncRangeFlags.WAIT_AFTER;

    private int fd;
    private long offset;
    private int length;
    private int flags = WRITE_AND_WAIT;

    /**
     * Writes back a byte range of file {@code fd}.
     *
     * @param fd     the file (or a direct descriptor's slot, pushed with {@code FIXED_FILE})
     * @param offset where the range starts, not negative
     * @param length bytes from {@code offset}, below 4 GiB; 0 means to the end of the file
     */
    public SyncFileRange(int fd, long offset, long length) {
        this.fd = fd;
        range(offset, length);
    }

    /**
     * Change the file (for reuse).
     *
     * @param fd the file
     * @return this operation
     */
    public SyncFileRange fd(int fd) {
        this.fd = fd;
        return this;
    }

    /**
     * The byte range; the kernel takes the length as 32 bits, and 0 means to the end of the file.
     *
     * @param offset not negative
     * @param length below 4 GiB; 0 means to the end of the file
     * @return this operation
     */
    public SyncFileRange range(long offset, long length) {
        this.offset = Checks.requireNonNegative(offset, "offset");
        if (length < 0 || length > U32_MAX) {
            throw new IllegalArgumentException("length must be between 0 and " + U32_MAX
                    + " (the kernel's 32-bit field; 0 = to the end of the file): " + length);
        }
        this.length = (int) length;
        return this;
    }

    /**
     * {@link SyncRangeFlags} bits.
     *
     * @param flags {@code SYNC_FILE_RANGE_*} bits
     * @return this operation
     */
    public SyncFileRange flags(int flags) {
        this.flags = flags;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(Opcode.SYNC_FILE_RANGE, fd, 0, length, offset).opFlags(flags);
    }
}
