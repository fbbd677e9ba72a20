package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Sqe;
import io.liouring.struct.MsgHdr;

import java.util.Objects;

/**
 * What sendmsg and recvmsg share: {@link SocketIo} plus a {@code struct msghdr} ({@code addr}, {@code len} = 1).
 * Receives reset the header's out-fields on every push.
 */
abstract class MsgIo<T extends MsgIo<T>> extends SocketIo<T> {
    private final boolean receive;
    private MsgHdr message;

    MsgIo(Opcode opcode, boolean receive, int fd, MsgHdr message) {
        super(opcode, fd);
        this.receive = receive;
        message(message);
    }

    /**
     * The message header (for reuse); receives reset its out-fields on every push.
     *
     * @param message the header; it must stay alive until the completion
     * @return this operation
     */
    public T message(MsgHdr message) {
        this.message = Objects.requireNonNull(message, "message");
        return self();
    }

    /** {@return the message header} */
    public MsgHdr message() {
        return message;
    }

    @Override
    public void encode(Sqe sqe) {
        if (receive) {
            message.prepareReceive();
        }
        prepSocket(sqe, message.segment().address(), 1);
        encodeExtra(sqe);
    }

    /** Fields beyond the common ones (multishot's buffer group, say). */
    void encodeExtra(Sqe sqe) {
    }
}
