package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.struct.MsgHdr;

/**
 * Sends a message on a socket, like {@code sendmsg(2)} ({@code IORING_OP_SENDMSG}, Linux 5.3;
 * {@code io_uring_prep_sendmsg(3)}): the data of the header's vectors, to its destination if it names one,
 * with its control messages (SCM_RIGHTS descriptors, say). Completes with the bytes sent or {@code -errno}.
 */
public final class SendMsg extends MsgIo<SendMsg> {
    /**
     * Sends the message {@code message} describes on {@code fd}.
     *
     * @param fd the socket (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param message the header: data vectors, destination, control messages; it must stay alive until the completion
     */
    public SendMsg(int fd, MsgHdr message) {
        super(Opcode.SENDMSG, false, fd, message);
    }

    @Override
    SendMsg self() {
        return this;
    }
}
