package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Sqe;
import io.liouring.SqeFlags;
import io.liouring.internal.Checks;

/**
 * What sends and receives on provided buffers share: {@link SocketIo} plus the buffer group and a length
 * limit, with the ioprio bits of the form (multishot, bundle). Sets {@code BUFFER_SELECT} itself.
 */
abstract class BufferSelectIo<T extends BufferSelectIo<T>> extends SocketIo<T> {
    private int bufferGroup;
    private int length;

    BufferSelectIo(Opcode opcode, int mode, int fd, int bufferGroup) {
        super(opcode, fd);
        addIoprio(mode);
        bufferGroup(bufferGroup);
    }

    /**
     * The provided-buffer group (0..65535), e.g. a {@code BufferRing}'s.
     *
     * @param bufferGroup the group id, 0 to 65535
     * @return this operation
     */
    public T bufferGroup(int bufferGroup) {
        this.bufferGroup = BufferGroups.requireId(bufferGroup);
        return self();
    }

    /**
     * Bytes to transfer at most; 0 (the default) means as much as the selected buffers hold.
     *
     * @param length bytes, 0 or positive
     * @return this operation
     */
    public T length(int length) {
        this.length = Checks.requireNonNegative(length, "length");
        return self();
    }

    @Override
    public void encode(Sqe sqe) {
        prepSocket(sqe, 0, length).bufGroup(bufferGroup).addFlags(SqeFlags.BUFFER_SELECT);
    }
}
