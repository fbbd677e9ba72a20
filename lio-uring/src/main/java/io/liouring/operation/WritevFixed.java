package io.liouring.operation;

import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.struct.IoVecArray;

/**
 * Vectored write to a file descriptor from parts of a registered buffer, like {@code pwritev2(2)}
 * ({@code IORING_OP_WRITEV_FIXED}, Linux 6.15; {@code io_uring_prep_writev_fixed(3)}).
 *
 * <p>Every vector must lie inside registered buffer {@code bufferIndex} (slices of
 * {@code ring.registeredBuffer(bufferIndex)}); otherwise the request fails with {@code -EFAULT}, or, with
 * the constructor that takes the ring, the constructor throws. Completes with the total bytes written or {@code -errno}.
 */
public final class WritevFixed extends FixedVectoredIo<WritevFixed> {
    /**
     * Writes at file offset 0 through vectors inside registered buffer {@code bufferIndex}.
     *
     * @param fd the file
     * @param vectors buffers inside the registered buffer
     * @param bufferIndex the registered buffer's index, 0 to 65535
     */
    public WritevFixed(int fd, IoVecArray vectors, int bufferIndex) {
        this(fd, vectors, bufferIndex, 0);
    }

    /**
     * Writes at {@code offset} (-1: current position) through vectors inside registered buffer {@code bufferIndex}.
     *
     * @param fd the file
     * @param vectors buffers inside the registered buffer
     * @param bufferIndex the registered buffer's index, 0 to 65535
     * @param offset not negative, or -1
     */
    public WritevFixed(int fd, IoVecArray vectors, int bufferIndex, long offset) {
        super(Opcode.WRITEV_FIXED, fd, vectors, bufferIndex, offset);
    }

    /**
     * As {@link #WritevFixed(int, IoVecArray, int, long)}, first checking that every vector lies inside
     * {@code ring.registeredBuffer(bufferIndex)}.
     *
     * @param ring the ring the buffer is registered with
     * @param fd the file
     * @param vectors buffers inside the registered buffer
     * @param bufferIndex the registered buffer's index
     * @param offset not negative, or -1
     * @throws IllegalArgumentException if one does not, or no buffer is registered at that index
     */
    public WritevFixed(LioUring ring, int fd, IoVecArray vectors, int bufferIndex, long offset) {
        this(fd, requireInside(ring, bufferIndex, vectors), bufferIndex, offset);
    }

    @Override
    WritevFixed self() {
        return this;
    }
}
