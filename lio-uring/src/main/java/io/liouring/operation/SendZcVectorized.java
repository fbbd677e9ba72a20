package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.struct.IoVecArray;

/**
 * Sends several buffers on a socket without copying them ({@code IORING_OP_SEND_ZC} with
 * {@code IORING_SEND_VECTORIZED}, Linux 6.17): {@link SendVectorized}'s iovec array, with the two completions of
 * {@link SendZc} (the result with {@code F_MORE}, then the {@code F_NOTIF} notification). No buffer may change
 * before the notification.
 */
public final class SendZcVectorized extends VectorizedSend<SendZcVectorized> {
    /**
     * Sends every buffer of {@code vectors}, in order.
     *
     * @param fd      the socket
     * @param vectors the buffers (their array and memory must stay valid until the notification)
     */
    public SendZcVectorized(int fd, IoVecArray vectors) {
        super(Opcode.SEND_ZC, fd, vectors);
    }

    /**
     * Have the notification say whether the data was copied after all ({@code IORING_SEND_ZC_REPORT_USAGE}, 6.2).
     *
     * @return this operation
     */
    public SendZcVectorized reportUsage() {
        return addIoprio(RecvSendFlags.SEND_ZC_REPORT_USAGE);
    }

    @Override
    SendZcVectorized self() {
        return this;
    }
}
