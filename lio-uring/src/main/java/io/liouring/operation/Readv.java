package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.struct.IoVecArray;

/**
 * Vectored read into several buffers, like {@code preadv2(2)} ({@code IORING_OP_READV}, Linux 5.1;
 * {@code io_uring_prep_readv2(3)}). Completes with the total bytes read or {@code -errno}.
 */
public final class Readv extends VectoredIo<Readv> {
    /**
     * Reads from offset 0 into the vectors, in order.
     *
     * @param fd the file (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param vectors the buffers to fill; they must stay open until the completion
     */
    public Readv(int fd, IoVecArray vectors) {
        this(fd, vectors, 0);
    }

    /**
     * Reads from {@code offset} into the vectors, in order.
     *
     * @param fd the file (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param vectors the buffers to fill; they must stay open until the completion
     * @param offset not negative, or -1 for the current position
     */
    public Readv(int fd, IoVecArray vectors, long offset) {
        super(Opcode.READV, fd, vectors, offset);
    }

    @Override
    Readv self() {
        return this;
    }
}
