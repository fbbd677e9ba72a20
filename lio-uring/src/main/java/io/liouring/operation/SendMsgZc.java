package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.struct.MsgHdr;

/**
 * Sends a message on a socket without copying its data ({@code IORING_OP_SENDMSG_ZC}, Linux 6.1;
 * {@code io_uring_prep_sendmsg_zc(3)}): like {@link SendMsg}, with the two completions of {@link SendZc}
 * (the result with {@code F_MORE}, then the {@code F_NOTIF} notification). The data buffers must stay
 * untouched until the notification.
 */
public final class SendMsgZc extends MsgIo<SendMsgZc> {
    /**
     * Sends the message {@code message} describes on {@code fd}, without copying its data.
     *
     * @param fd the socket (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param message the header; it and its buffers must stay alive until the notification
     */
    public SendMsgZc(int fd, MsgHdr message) {
        super(Opcode.SENDMSG_ZC, false, fd, message);
    }

    @Override
    SendMsgZc self() {
        return this;
    }
}
