package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.struct.MsgHdr;

/**
 * Receives a message from a socket, like {@code recvmsg(2)} ({@code IORING_OP_RECVMSG}, Linux 5.3;
 * {@code io_uring_prep_recvmsg(3)}): data into the header's vectors, the sender's address and control
 * messages (received descriptors) into the room it reserves.
 *
 * <p>Completes with the bytes received or {@code -errno}; then {@link MsgHdr#receivedName()},
 * {@link MsgHdr#receivedControl()} and {@link MsgHdr#flags()} tell the rest. Each push resets the header's
 * out-fields ({@link MsgHdr#prepareReceive()}).
 */
public final class RecvMsg extends MsgIo<RecvMsg> {
    /**
     * Receives one message from {@code fd} into {@code message}.
     *
     * @param fd the socket (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param message the header: data vectors, name and control room; it must stay alive until the completion
     */
    public RecvMsg(int fd, MsgHdr message) {
        super(Opcode.RECVMSG, true, fd, message);
    }

    @Override
    RecvMsg self() {
        return this;
    }
}
