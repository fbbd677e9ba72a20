package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.SqeFlags;
import io.liouring.internal.Checks;

/**
 * Reads repeatedly from a pollable file (a pipe, a tty, an eventfd…) whenever data arrives, each time into a
 * buffer the kernel takes from a provided-buffer group ({@code IORING_OP_READ_MULTISHOT}, Linux 6.7;
 * {@code io_uring_prep_read_multishot(3)}).
 *
 * <p>One push, many completions: each has the bytes read as its result and the buffer used in
 * {@code Completion.bufferId()}; {@code Completion.hasMore()} says whether more will come. The request ends
 * (a completion without {@code F_MORE}) at end of file (result 0), on an error, when the group runs out of
 * buffers ({@code -ENOBUFS}) or when cancelled. Regular files fail with {@code -EBADFD}. This operation sets
 * {@code BUFFER_SELECT} itself; flags given to {@code push} are added to it.
 *
 * <p>There is no length: each read takes as much as the selected buffer holds. liburing's
 * {@code io_uring_prep_read_multishot} has an {@code nbytes} parameter, but the kernel refuses a request with a
 * non-zero {@code len} ({@code EINVAL}; seen on 6.18), so the class does not offer one.
 */
public final class ReadMulti implements Operation {
    private int fd;
    private int bufferGroup;
    private long offset;

    /**
     * Reads from {@code fd} again and again into buffers of {@code bufferGroup}.
     *
     * @param fd          a pollable file descriptor
     * @param bufferGroup the provided-buffer group id (0..65535)
     */
    public ReadMulti(int fd, int bufferGroup) {
        this.fd = fd;
        bufferGroup(bufferGroup);
    }

    /**
     * Change the descriptor (for reuse).
     *
     * @param fd a pollable descriptor (pipe, eventfd, tty)
     * @return this operation
     */
    public ReadMulti fd(int fd) {
        this.fd = fd;
        return this;
    }

    /**
     * Change the buffer group (for reuse).
     *
     * @param bufferGroup the group id, 0 to 65535
     * @return this operation
     */
    public ReadMulti bufferGroup(int bufferGroup) {
        this.bufferGroup = BufferGroups.requireId(bufferGroup);
        return this;
    }

    /**
     * File offset: 0 or -1 for files that cannot seek (the usual case).
     *
     * @param offset 0 or -1
     * @return this operation
     */
    public ReadMulti offset(long offset) {
        this.offset = Checks.requireOffset(offset, "offset");
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(Opcode.READ_MULTISHOT, fd, 0, 0, offset).bufGroup(bufferGroup).addFlags(SqeFlags.BUFFER_SELECT);
    }
}
