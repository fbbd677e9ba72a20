package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Sqe;

import java.lang.foreign.MemorySegment;

/** Read and write on a registered buffer: {@link FileIo} plus the registered buffer's index. */
abstract class FixedFileIo<T extends FixedFileIo<T>> extends FileIo<T> {
    private int bufferIndex;

    FixedFileIo(Opcode opcode, int fd, MemorySegment buffer, int bufferIndex, long offset) {
        super(opcode, fd, buffer, offset);
        bufferIndex(bufferIndex);
    }

    /** Index of the registered buffer ({@code LioUring.registerBuffers}) the buffer lies in (0..65535). */
    public T bufferIndex(int bufferIndex) {
        this.bufferIndex = FixedBuffers.requireIndex(bufferIndex);
        return self();
    }

    public int bufferIndex() {
        return bufferIndex;
    }

    @Override
    void encodeExtra(Sqe sqe) {
        sqe.bufIndex(bufferIndex);
    }
}
