package io.liouring.operation;

import io.liouring.Opcode;

/**
 * Receives from a socket into as many buffers of a provided-buffer group as the data fills, in one
 * completion ({@code IORING_OP_RECV} with {@code IORING_RECVSEND_BUNDLE} and {@code BUFFER_SELECT}, Linux
 * 6.10, {@code IORING_FEAT_RECVSEND_BUNDLE}; stream sockets; {@code recv(2)}, and {@code io_uring_prep_recv(3)} with
 * the bundle flag set in {@code ioprio}, as liburing has no helper of its own for it).
 *
 * <p>Completes with the bytes received; they start in the buffer the completion names and continue in the
 * ring's following buffers ({@code BufferRing.takeBundle}). Or {@code -errno}.
 */
public final class RecvBundle extends BufferSelectIo<RecvBundle> {
    /**
     * Receives from {@code fd} into buffers of {@code bufferGroup}.
     *
     * @param fd a stream socket
     * @param bufferGroup the group id, 0 to 65535
     */
    public RecvBundle(int fd, int bufferGroup) {
        super(Opcode.RECV, RecvSendFlags.BUNDLE, fd, bufferGroup);
    }

    @Override
    RecvBundle self() {
        return this;
    }
}
