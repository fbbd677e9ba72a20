package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Sqe;
import io.liouring.struct.MsgHdr;

/**
 * Sends a message on a socket without copying its data ({@code IORING_OP_SENDMSG_ZC}, Linux 6.1;
 * {@code io_uring_prep_sendmsg_zc(3)}): like {@link SendMsg}, with the two completions of {@link SendZc}
 * (the result with {@code F_MORE}, then the {@code F_NOTIF} notification). The data buffers must stay
 * untouched until the notification.
 */
public final class SendMsgZc extends MsgIo<SendMsgZc> {
    private int bufferIndex;

    /**
     * Sends the message {@code message} describes on {@code fd}, without copying its data.
     *
     * @param fd the socket (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param message the header; it and its buffers must stay alive until the notification
     */
    public SendMsgZc(int fd, MsgHdr message) {
        super(Opcode.SENDMSG_ZC, false, fd, message);
    }

    /**
     * The message's data lies in registered buffer {@code bufferIndex} ({@code IORING_RECVSEND_FIXED_BUF}, Linux 6.15;
     * {@code io_uring_prep_sendmsg_zc_fixed(3)}): every iovec of the message must fall inside it (else the send
     * fails with {@code EFAULT}), and the kernel does not pin the pages again.
     *
     * @param bufferIndex the registered buffer's index
     * @return this operation
     */
    public SendMsgZc fixedBuffer(int bufferIndex) {
        this.bufferIndex = FixedBuffers.requireIndex(bufferIndex);
        return addIoprio(RecvSendFlags.FIXED_BUF);
    }

    /**
     * Have the notification say whether the data was copied after all ({@code IORING_SEND_ZC_REPORT_USAGE}, 6.2):
     * its result then has {@link SendZc#NOTIF_USAGE_ZC_COPIED} set if it was.
     *
     * @return this operation
     */
    public SendMsgZc reportUsage() {
        return addIoprio(RecvSendFlags.SEND_ZC_REPORT_USAGE);
    }

    @Override
    void encodeExtra(Sqe sqe) {
        sqe.bufIndex(bufferIndex);
    }

    @Override
    SendMsgZc self() {
        return this;
    }
}
