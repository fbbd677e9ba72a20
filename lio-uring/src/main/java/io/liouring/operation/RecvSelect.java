package io.liouring.operation;

import io.liouring.Opcode;

/**
 * Receives once from a socket into a buffer the kernel picks from a provided-buffer group ({@code IORING_OP_RECV}
 * with {@code BUFFER_SELECT}, Linux 5.7; {@code io_uring_prep_recv(3)} with a {@code NULL} buffer and
 * {@code IOSQE_BUFFER_SELECT}): the single-shot form of {@link RecvMulti}, for a socket whose reads are rare.
 *
 * <p>Completes with the bytes received (0 when the peer has shut down its side) in the buffer
 * {@code Completion.bufferId()} names, or {@code -ENOBUFS} if the group had none. Sets {@code BUFFER_SELECT} itself.
 */
public final class RecvSelect extends BufferSelectIo<RecvSelect> {
    /**
     * A receive into a buffer of a group.
     *
     * @param fd          the socket
     * @param bufferGroup the provided-buffer group (0..65535), e.g. a {@code BufferRing}'s
     */
    public RecvSelect(int fd, int bufferGroup) {
        super(Opcode.RECV, 0, fd, bufferGroup);
    }

    @Override
    RecvSelect self() {
        return this;
    }
}
