package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.struct.IoVecArray;

/**
 * Sends several buffers on a socket as one stream of bytes, like {@code writev(2)} on it ({@code IORING_OP_SEND}
 * with {@code IORING_SEND_VECTORIZED}, Linux 6.17): {@code addr} names an iovec array and {@code len} its count,
 * without the {@code struct msghdr} a {@link SendMsg} needs. Completes with the bytes sent or {@code -errno};
 * kernels without the flag fail it with {@code EINVAL}.
 */
public final class SendVectorized extends VectorizedSend<SendVectorized> {
    /**
     * Sends every buffer of {@code vectors}, in order.
     *
     * @param fd      the socket
     * @param vectors the buffers (their array and memory must stay valid until the completion)
     */
    public SendVectorized(int fd, IoVecArray vectors) {
        super(Opcode.SEND, fd, vectors);
    }

    @Override
    SendVectorized self() {
        return this;
    }
}
