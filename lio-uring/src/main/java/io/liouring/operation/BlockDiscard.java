package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Sqe;
import io.liouring.internal.Checks;

/**
 * Discards a range of a block device, as {@code ioctl(BLKDISCARD)} does, without blocking a thread
 * ({@code IORING_OP_URING_CMD} with {@code BLOCK_URING_CMD_DISCARD}, Linux 6.12; {@code io_uring_prep_cmd_discard(3)}):
 * the device forgets the data (an SSD trims it, a loop device punches a hole in its file), and reads of the range
 * return zeros on devices that promise so. The descriptor must be a block device opened for writing; the range must be
 * aligned to its logical block size. Completes with 0 or {@code -errno} ({@code EOPNOTSUPP} on other files or devices
 * without discard).
 */
public final class BlockDiscard extends FdRequest<BlockDiscard> {
    /** {@code BLOCK_URING_CMD_DISCARD}: {@code _IO(0x12, 0)}. */
    static final int BLOCK_URING_CMD_DISCARD = 0x12 << 8;

    private long offset;
    private long length;

    /**
     * Discards {@code length} bytes from {@code offset}.
     *
     * @param fd     a block device opened for writing
     * @param offset the first byte of the range
     * @param length how many bytes
     */
    public BlockDiscard(int fd, long offset, long length) {
        super(Opcode.URING_CMD, fd);
        range(offset, length);
    }

    /**
     * The range to discard.
     *
     * @param offset the first byte of the range
     * @param length how many bytes
     * @return this operation
     */
    public BlockDiscard range(long offset, long length) {
        this.offset = Checks.requireNonNegative(offset, "offset");
        this.length = Checks.requireNonNegative(length, "length");
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        prep(sqe, 0, 0, 0).cmdOp(BLOCK_URING_CMD_DISCARD).addr(offset).addr3(length);
    }

    @Override
    BlockDiscard self() {
        return this;
    }
}
