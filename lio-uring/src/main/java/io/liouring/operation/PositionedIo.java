package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Sqe;
import io.liouring.internal.Checks;

/**
 * What reads and writes at a file offset share, whatever carries the data (one buffer or an iovec array):
 * the offset, the {@code RWF_*} flags and, for the registered-buffer forms, the buffer index.
 */
abstract class PositionedIo<T extends PositionedIo<T>> extends FdRequest<T> {
    private static final int NO_REGISTERED_BUFFER = -1;

    private long offset;
    private int rwFlags;
    private int bufferIndex = NO_REGISTERED_BUFFER;

    PositionedIo(Opcode opcode, int fd, long offset) {
        super(opcode, fd);
        offset(offset);
    }

    /**
     * File offset; -1 means the file's current position (FEAT_RW_CUR_POS, 5.6). Ignored by pipes and sockets.
     *
     * @param offset not negative, or -1
     * @return this operation
     */
    public T offset(long offset) {
        this.offset = Checks.requireOffset(offset, "offset");
        return self();
    }

    /**
     * {@link RwFlags} for this request.
     *
     * @param rwFlags {@code RWF_*} bits, or 0
     * @return this operation
     */
    public T rwFlags(int rwFlags) {
        this.rwFlags = rwFlags;
        return self();
    }

    /** {@return the file offset, -1 for the current position} */
    public long offset() {
        return offset;
    }

    final T registeredBuffer(int bufferIndex) {
        this.bufferIndex = FixedBuffers.requireIndex(bufferIndex);
        return self();
    }

    final int registeredBuffer() {
        return bufferIndex;
    }

    /** The address the kernel reads from or writes to: the buffer, or the iovec array. */
    abstract long dataAddress();

    /** The byte count, or the number of iovecs. */
    abstract int dataLength();

    @Override
    public void encode(Sqe sqe) {
        prep(sqe, dataAddress(), dataLength(), offset).opFlags(rwFlags);
        if (bufferIndex != NO_REGISTERED_BUFFER) {
            sqe.bufIndex(bufferIndex);
        }
    }
}
