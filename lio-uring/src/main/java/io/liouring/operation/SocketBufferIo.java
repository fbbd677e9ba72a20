package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;
import io.liouring.struct.SockAddr;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * What send and receive on one caller-owned buffer share: socket, buffer and length, {@code MSG_*} flags,
 * the recv/send ioprio bits, and (for sends) a destination address.
 */
abstract class SocketBufferIo<T extends SocketBufferIo<T>> implements Operation {
    private final Opcode opcode;
    private int fd;
    private MemorySegment buffer;
    private int length;
    private int msgFlags;
    private int ioprio;
    private SockAddr destination;

    SocketBufferIo(Opcode opcode, int fd, MemorySegment buffer) {
        this.opcode = opcode;
        this.fd = fd;
        buffer(buffer);
    }

    abstract T self();

    /** The socket (or registered-file index, pushed with {@code SqeFlags.FIXED_FILE}). */
    public T fd(int fd) {
        this.fd = fd;
        return self();
    }

    /** The buffer; the length becomes the whole buffer. Must be native memory. */
    public T buffer(MemorySegment buffer) {
        this.buffer = Checks.requireNative(buffer, "buffer");
        this.length = Checks.requireLength(buffer, "buffer");
        return self();
    }

    /** Transfer only the first {@code length} bytes of the buffer. */
    public T length(long length) {
        this.length = Checks.requireLength(length, buffer, "length");
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

    public MemorySegment buffer() {
        return buffer;
    }

    public int length() {
        return length;
    }

    final T addIoprio(int bits) {
        ioprio |= bits;
        return self();
    }

    final T destination(SockAddr destination) {
        this.destination = destination;
        return self();
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(opcode, fd, Checks.addressOf(buffer, "buffer"), length, 0).opFlags(msgFlags).ioprio(ioprio);
        if (destination != null) {
            sqe.addr2(destination.segment().address()).addrLen(destination.length());
        }
        encodeExtra(sqe);
    }

    /** Fields beyond the common ones (a registered buffer index, say). */
    void encodeExtra(Sqe sqe) {
    }

    static SockAddr requireDestination(SockAddr destination) {
        return Objects.requireNonNull(destination, "destination");
    }
}
