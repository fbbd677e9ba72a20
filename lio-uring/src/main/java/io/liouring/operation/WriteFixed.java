package io.liouring.operation;

import io.liouring.LioUring;
import io.liouring.Opcode;

import java.lang.foreign.MemorySegment;

/**
 * Writes part of a registered buffer to a file descriptor, like {@code pwrite(2)}
 * ({@code IORING_OP_WRITE_FIXED}, Linux 5.1; {@code io_uring_prep_write_fixed(3)}). The kernel pinned the
 * buffer once at {@link LioUring#registerBuffers}, so the request skips mapping it.
 *
 * <p>{@code buffer} must lie inside registered buffer {@code bufferIndex} (a slice of
 * {@code ring.registeredBuffer(bufferIndex)}); otherwise the request fails with {@code -EFAULT}, or, with
 * the constructor that takes the ring, the constructor throws. Completes with the number of bytes written
 * or {@code -errno}.
 */
public final class WriteFixed extends FixedFileIo<WriteFixed> {
    /**
     * Writes {@code buffer} (inside registered buffer {@code bufferIndex}) at file offset 0.
     *
     * @param fd the file
     * @param buffer native memory inside the registered buffer
     * @param bufferIndex the registered buffer's index, 0 to 65535
     */
    public WriteFixed(int fd, MemorySegment buffer, int bufferIndex) {
        this(fd, buffer, bufferIndex, 0);
    }

    /**
     * Writes {@code buffer} (inside registered buffer {@code bufferIndex}) at {@code offset} (-1: current position).
     *
     * @param fd the file
     * @param buffer native memory inside the registered buffer
     * @param bufferIndex the registered buffer's index, 0 to 65535
     * @param offset not negative, or -1
     */
    public WriteFixed(int fd, MemorySegment buffer, int bufferIndex, long offset) {
        super(Opcode.WRITE_FIXED, fd, buffer, bufferIndex, offset);
    }

    /**
     * As {@link #WriteFixed(int, MemorySegment, int, long)}, first checking that {@code buffer} lies inside
     * {@code ring.registeredBuffer(bufferIndex)}.
     *
     * @param ring the ring the buffer is registered with
     * @param fd the file
     * @param buffer native memory inside the registered buffer
     * @param bufferIndex the registered buffer's index
     * @param offset not negative, or -1
     * @throws IllegalArgumentException if it does not, or no buffer is registered at that index
     */
    public WriteFixed(LioUring ring, int fd, MemorySegment buffer, int bufferIndex, long offset) {
        this(fd, FixedBuffers.requireInside(ring, bufferIndex, buffer, "buffer"), bufferIndex, offset);
    }

    @Override
    WriteFixed self() {
        return this;
    }
}
