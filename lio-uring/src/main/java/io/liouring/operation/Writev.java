package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.struct.IoVecArray;

/**
 * Vectored write from several buffers, like {@code pwritev2(2)} ({@code IORING_OP_WRITEV}, Linux 5.1;
 * {@code io_uring_prep_writev2(3)}). Completes with the total bytes written or {@code -errno}.
 */
public final class Writev extends VectoredIo<Writev> {
    /**
     * Writes the vectors, in order, at offset 0.
     *
     * @param fd the file (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param vectors the buffers to write; they must stay open until the completion
     */
    public Writev(int fd, IoVecArray vectors) {
        this(fd, vectors, 0);
    }

    /**
     * Writes the vectors, in order, at {@code offset}.
     *
     * @param fd the file (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param vectors the buffers to write; they must stay open until the completion
     * @param offset not negative, or -1 for the current position
     */
    public Writev(int fd, IoVecArray vectors, long offset) {
        super(Opcode.WRITEV, fd, vectors, offset);
    }

    @Override
    Writev self() {
        return this;
    }
}
