package io.liouring.operation;

import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.struct.IoVecArray;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;

/** Vectored read and write on a registered buffer: {@link VectoredIo} plus the registered buffer's index. */
abstract class FixedVectoredIo<T extends FixedVectoredIo<T>> extends VectoredIo<T> {
    FixedVectoredIo(Opcode opcode, int fd, IoVecArray vectors, int bufferIndex, long offset) {
        super(opcode, fd, vectors, offset);
        registeredBuffer(bufferIndex);
    }

    /** Checks that every vector of {@code vectors} lies inside {@code ring.registeredBuffer(bufferIndex)}. */
    static IoVecArray requireInside(LioUring ring, int bufferIndex, IoVecArray vectors) {
        Objects.requireNonNull(vectors, "vectors");
        List<MemorySegment> buffers = vectors.buffers();
        for (int i = 0; i < buffers.size(); i++) {
            FixedBuffers.requireInside(ring, bufferIndex, buffers.get(i), "vectors[" + i + "]");
        }
        return vectors;
    }

    /**
     * Index of the registered buffer ({@code LioUring.registerBuffers}) the vectors lie in (0..65535).
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
