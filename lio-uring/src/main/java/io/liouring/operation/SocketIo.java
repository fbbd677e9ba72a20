package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Sqe;

/**
 * What sends and receives share: the socket, its {@code MSG_*} flags ({@code msg_flags}) and the
 * recv/send ioprio bits ({@code IORING_RECVSEND_*}: poll first, multishot, bundle, fixed buffer).
 */
abstract class SocketIo<T extends SocketIo<T>> extends FdRequest<T> {
    private int msgFlags;
    private int ioprio;

    SocketIo(Opcode opcode, int fd) {
        super(opcode, fd);
    }

    /**
     * {@code MsgFlags.MSG_*} for this request.
     *
     * @param msgFlags {@code MSG_*} bits, or 0
     * @return this operation
     */
    public T msgFlags(int msgFlags) {
        this.msgFlags = msgFlags;
        return self();
    }

    /**
     * Poll the socket before the first attempt ({@code IORING_RECVSEND_POLL_FIRST}, 5.19).
     *
     * @return this operation
     */
    public T pollFirst() {
        return addIoprio(RecvSendFlags.POLL_FIRST);
    }

    final T addIoprio(int bits) {
        ioprio |= bits;
        return self();
    }

    /** Starts the SQE with the socket, {@code addr}, {@code len}, the {@code MSG_*} flags and the ioprio bits. */
    final Sqe prepSocket(Sqe sqe, long addr, int len) {
        return prep(sqe, addr, len, 0).opFlags(msgFlags).ioprio(ioprio);
    }
}
