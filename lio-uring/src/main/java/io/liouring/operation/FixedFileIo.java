package io.liouring.operation;

import io.liouring.Opcode;

import java.lang.foreign.MemorySegment;

/** Read and write on a registered buffer: {@link FileIo} plus the registered buffer's index. */
abstract class FixedFileIo<T extends FixedFileIo<T>> extends FileIo<T> {
    FixedFileIo(Opcode opcode, int fd, MemorySegment buffer, int bufferIndex, long offset) {
        super(opcode, fd, buffer, offset);
        registeredBuffer(bufferIndex);
    }

    /**
     * Index of the registered buffer ({@code LioUring.registerBuffers}) the buffer lies in (0..65535).
     *
     * @param bufferIndex the registered buffer's index, 0 to 65535
     * @return this operation
     */
    public T bufferIndex(int bufferIndex) {
        return registeredBuffer(bufferIndex);
    }

    /** {@return the index of the registered buffer} */
    public int bufferIndex() {
        return registeredBuffer();
    }
}
