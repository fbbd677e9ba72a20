package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Sqe;
import io.liouring.internal.Checks;
import io.liouring.struct.SockAddr;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * What send and receive on one caller-owned buffer share: {@link SocketIo} plus the buffer and its length,
 * and (for sends) a destination address.
 */
abstract class SocketBufferIo<T extends SocketBufferIo<T>> extends SocketIo<T> {
    private MemorySegment buffer;
    private int length;
    private SockAddr destination;

    SocketBufferIo(Opcode opcode, int fd, MemorySegment buffer) {
        super(opcode, fd);
        buffer(buffer);
    }

    /**
     * The buffer; the length becomes the whole buffer. Must be native memory.
     *
     * @param buffer native memory, at most {@code Integer.MAX_VALUE} bytes; it must stay open until the completion
     * @return this operation
     */
    public T buffer(MemorySegment buffer) {
        this.buffer = Checks.requireNative(buffer, "buffer");
        this.length = Checks.requireLength(buffer, "buffer");
        return self();
    }

    /**
     * Transfer only the first {@code length} bytes of the buffer.
     *
     * @param length 0 to the buffer's size
     * @return this operation
     */
    public T length(long length) {
        this.length = Checks.requireLength(length, buffer, "length");
        return self();
    }

    /** {@return the buffer} */
    public MemorySegment buffer() {
        return buffer;
    }

    /** {@return the bytes to transfer} */
    public int length() {
        return length;
    }

    final T destination(SockAddr destination) {
        this.destination = destination;
        return self();
    }

    @Override
    public void encode(Sqe sqe) {
        prepSocket(sqe, Checks.addressOf(buffer, "buffer"), length);
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
