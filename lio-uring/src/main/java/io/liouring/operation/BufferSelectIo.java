package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.SqeFlags;
import io.liouring.internal.Checks;

/**
 * What sends and receives on provided buffers share: socket, buffer group, length, {@code MSG_*} flags and
 * the recv/send ioprio bits of the form (multishot, bundle). Sets {@code BUFFER_SELECT} itself.
 */
abstract class BufferSelectIo<T extends BufferSelectIo<T>> implements Operation {
    private final Opcode opcode;
    private final int mode;
    private int fd;
    private int bufferGroup;
    private int length;
    private int msgFlags;
    private int ioprio;

    BufferSelectIo(Opcode opcode, int mode, int fd, int bufferGroup) {
        this.opcode = opcode;
        this.mode = mode;
        this.fd = fd;
        bufferGroup(bufferGroup);
    }

    abstract T self();

    /** The socket (or registered-file index, pushed with {@code SqeFlags.FIXED_FILE}). */
    public T fd(int fd) {
        this.fd = fd;
        return self();
    }

    /** The provided-buffer group (0..65535), e.g. a {@code BufferRing}'s. */
    public T bufferGroup(int bufferGroup) {
        this.bufferGroup = BufferGroups.requireId(bufferGroup);
        return self();
    }

    /** Bytes to transfer at most; 0 (the default) means as much as the selected buffers hold. */
    public T length(int length) {
        this.length = Checks.requireNonNegative(length, "length");
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

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(opcode, fd, 0, length, 0).opFlags(msgFlags).ioprio(mode | ioprio).bufGroup(bufferGroup)
                .addFlags(SqeFlags.BUFFER_SELECT);
    }
}
