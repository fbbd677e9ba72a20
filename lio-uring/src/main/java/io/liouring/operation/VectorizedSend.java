package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Sqe;
import io.liouring.struct.IoVecArray;

import java.util.Objects;

/**
 * What the vectorized sends share ({@code IORING_SEND_VECTORIZED}, Linux 6.17): {@link SocketIo} plus an iovec
 * array, passed as {@code addr} with its count as {@code len}.
 */
abstract class VectorizedSend<T extends VectorizedSend<T>> extends SocketIo<T> {
    private IoVecArray vectors;

    VectorizedSend(Opcode opcode, int fd, IoVecArray vectors) {
        super(opcode, fd);
        vectors(vectors);
        addIoprio(RecvSendFlags.SEND_VECTORIZED);
    }

    /**
     * The buffers to send.
     *
     * @param vectors the buffers
     * @return this operation
     */
    public T vectors(IoVecArray vectors) {
        this.vectors = Objects.requireNonNull(vectors, "vectors");
        return self();
    }

    @Override
    public void encode(Sqe sqe) {
        prepSocket(sqe, vectors.segment().address(), vectors.count());
    }
}
