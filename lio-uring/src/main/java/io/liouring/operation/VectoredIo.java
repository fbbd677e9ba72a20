package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;
import io.liouring.struct.IoVecArray;

import java.util.Objects;

/** What vectored reads and writes share: fd, iovec array, file offset and RWF_* flags. */
abstract class VectoredIo<T extends VectoredIo<T>> implements Operation {
    private final Opcode opcode;
    private int fd;
    private IoVecArray vectors;
    private long offset;
    private int rwFlags;

    VectoredIo(Opcode opcode, int fd, IoVecArray vectors, long offset) {
        this.opcode = opcode;
        this.fd = fd;
        vectors(vectors);
        offset(offset);
    }

    abstract T self();

    public T fd(int fd) {
        this.fd = fd;
        return self();
    }

    public T vectors(IoVecArray vectors) {
        this.vectors = Objects.requireNonNull(vectors, "vectors");
        return self();
    }

    /** File offset; -1 means the file's current position. */
    public T offset(long offset) {
        this.offset = Checks.requireOffset(offset, "offset");
        return self();
    }

    /** {@link RwFlags} for this request. */
    public T rwFlags(int rwFlags) {
        this.rwFlags = rwFlags;
        return self();
    }

    public IoVecArray vectors() {
        return vectors;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(opcode, fd, Checks.addressOf(vectors.segment(), "vectors"), vectors.count(), offset).opFlags(rwFlags);
        encodeExtra(sqe);
    }

    void encodeExtra(Sqe sqe) {
    }
}
