package io.liouring.operation;

import io.liouring.Opcode;

/**
 * Receives from a socket again and again into buffers of a provided-buffer group, until cancelled, out of
 * buffers, or the peer is done ({@code IORING_OP_RECV} with {@code IORING_RECV_MULTISHOT} and
 * {@code BUFFER_SELECT}, Linux 6.0; {@code io_uring_prep_recv_multishot(3)}).
 *
 * <p>One completion per arrival: bytes received in the buffer it names ({@code Completion.bufferId()}),
 * with {@code F_MORE} while the request stays armed. A completion without {@code F_MORE} ends it (result 0:
 * end of stream; {@code -ENOBUFS}: the group ran dry; re-arm after recycling buffers).
 */
public final class RecvMulti extends BufferSelectIo<RecvMulti> {
    /**
     * Receives from {@code fd} into buffers of {@code bufferGroup} until stopped.
     *
     * @param fd the socket
     * @param bufferGroup the group id, 0 to 65535
     */
    public RecvMulti(int fd, int bufferGroup) {
        super(Opcode.RECV, RecvSendFlags.RECV_MULTISHOT, fd, bufferGroup);
    }

    @Override
    RecvMulti self() {
        return this;
    }
}
