package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.struct.MsgHdr;

import java.util.Objects;

/**
 * What sendmsg and recvmsg share: socket, {@code struct msghdr} ({@code addr}, {@code len} = 1),
 * {@code MSG_*} flags and the recv/send ioprio bits. Receives reset the header's out-fields on every push.
 */
abstract class MsgIo<T extends MsgIo<T>> implements Operation {
    private final Opcode opcode;
    private final boolean receive;
    private int fd;
    private MsgHdr message;
    private int msgFlags;
    private int ioprio;

    MsgIo(Opcode opcode, boolean receive, int fd, MsgHdr message) {
        this.opcode = opcode;
        this.receive = receive;
        this.fd = fd;
        message(message);
    }

    abstract T self();

    /** The socket (or registered-file index, pushed with {@code SqeFlags.FIXED_FILE}). */
    public T fd(int fd) {
        this.fd = fd;
        return self();
    }

    public T message(MsgHdr message) {
        this.message = Objects.requireNonNull(message, "message");
        return self();
    }

    /** {@code MsgFlags.MSG_*} for this request. */
    public T msgFlags(int msgFlags) {
        this.msgFlags = msgFlags;
        return self();
    }

    /** Poll the socket before the first attempt ({@code IORING_RECVSEND_POLL_FIRST}, 5.19). */
    public T pollFirst() {
        ioprio |= RecvSendFlags.POLL_FIRST;
        return self();
    }

    public MsgHdr message() {
        return message;
    }

    final T addIoprio(int bits) {
        ioprio |= bits;
        return self();
    }

    @Override
    public void encode(Sqe sqe) {
        if (receive) {
            message.prepareReceive();
        }
        sqe.prepRw(opcode, fd, message.segment().address(), 1, 0).opFlags(msgFlags).ioprio(ioprio);
        encodeExtra(sqe);
    }

    void encodeExtra(Sqe sqe) {
    }
}
