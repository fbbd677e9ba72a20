package io.liouring.operation;

import io.liouring.Opcode;

/**
 * Sends the data of several provided buffers in one request: the buffers handed to the group's ring, in
 * ring order, each with the length it was provided with ({@code IORING_OP_SEND} with
 * {@code IORING_RECVSEND_BUNDLE} and {@code BUFFER_SELECT}, Linux 6.10; {@code io_uring_prep_send_bundle(3)};
 * stream sockets).
 *
 * <p>Completes with the bytes sent, which start in the buffer the completion names
 * ({@code BufferRing.takeBundle} gives them back to the application), or {@code -errno}.
 */
public final class SendBundle extends BufferSelectIo<SendBundle> {
    /**
     * Sends the data of the buffers handed to {@code bufferGroup}'s ring.
     *
     * @param fd a stream socket
     * @param bufferGroup the group id, 0 to 65535
     */
    public SendBundle(int fd, int bufferGroup) {
        super(Opcode.SEND, RecvSendFlags.BUNDLE, fd, bufferGroup);
    }

    @Override
    SendBundle self() {
        return this;
    }
}
