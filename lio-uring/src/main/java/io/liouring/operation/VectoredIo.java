package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.internal.Checks;
import io.liouring.struct.IoVecArray;

import java.util.Objects;

/** What vectored reads and writes share: {@link PositionedIo} plus the iovec array. */
abstract class VectoredIo<T extends VectoredIo<T>> extends PositionedIo<T> {
    private IoVecArray vectors;

    VectoredIo(Opcode opcode, int fd, IoVecArray vectors, long offset) {
        super(opcode, fd, offset);
        vectors(vectors);
    }

    /**
     * The vectors (for reuse).
     *
     * @param vectors the buffers; they must stay open until the completion
     * @return this operation
     */
    public T vectors(IoVecArray vectors) {
        this.vectors = Objects.requireNonNull(vectors, "vectors");
        return self();
    }

    /** {@return the vectors} */
    public IoVecArray vectors() {
        return vectors;
    }

    @Override
    final long dataAddress() {
        return Checks.addressOf(vectors.segment(), "vectors");
    }

    @Override
    final int dataLength() {
        return vectors.count();
    }
}
