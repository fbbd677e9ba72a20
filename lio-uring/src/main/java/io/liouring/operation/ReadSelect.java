package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.SqeFlags;
import io.liouring.internal.Checks;

/**
 * Reads into a buffer the kernel takes from a provided-buffer group ({@code IORING_OP_READ} with
 * {@code IOSQE_BUFFER_SELECT}, Linux 5.7; {@code io_uring_prep_read(3)} with a NULL buffer).
 *
 * <p>The completion names the buffer used: {@code Completion.bufferId()}. This operation sets
 * {@code BUFFER_SELECT} itself; flags given to {@code push} are added to it, never replace it.
 */
public final class ReadSelect implements Operation {
    private int fd;
    private int bufferGroup;
    private int length;
    private long offset;

    /**
     * Reads from {@code fd} into one buffer the kernel picks from {@code bufferGroup}.
     *
     * @param fd          file descriptor to read
     * @param bufferGroup the provided-buffer group id (0..65535)
     * @param length      bytes to read at most (0: the selected buffer's size)
     */
    public ReadSelect(int fd, int bufferGroup, int length) {
        this.fd = fd;
        bufferGroup(bufferGroup);
        this.length = Checks.requireNonNegative(length, "length");
    }

    /**
     * Change the descriptor (for reuse).
     *
     * @param fd the file to read
     * @return this operation
     */
    public ReadSelect fd(int fd) {
        this.fd = fd;
        return this;
    }

    /**
     * Change the buffer group (for reuse).
     *
     * @param bufferGroup the group id, 0 to 65535
     * @return this operation
     */
    public ReadSelect bufferGroup(int bufferGroup) {
        this.bufferGroup = BufferGroups.requireId(bufferGroup);
        return this;
    }

    /**
     * File offset; -1 for the current position.
     *
     * @param offset not negative, or -1
     * @return this operation
     */
    public ReadSelect offset(long offset) {
        this.offset = Checks.requireOffset(offset, "offset");
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(Opcode.READ, fd, 0, length, offset).bufGroup(bufferGroup).addFlags(SqeFlags.BUFFER_SELECT);
    }
}
