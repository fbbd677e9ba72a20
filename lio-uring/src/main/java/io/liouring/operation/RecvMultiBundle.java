package io.liouring.operation;

import io.liouring.Opcode;

/**
 * A multishot receive whose every completion may fill several provided buffers ({@code IORING_OP_RECV} with
 * {@code IORING_RECV_MULTISHOT | IORING_RECVSEND_BUNDLE} and {@code BUFFER_SELECT}, Linux 6.10; stream
 * sockets; {@code io_uring_prep_recv_multishot(3)} with the bundle flag set in {@code ioprio}). Completions as {@link RecvMulti}, each a bundle as {@link RecvBundle}.
 */
public final class RecvMultiBundle extends BufferSelectIo<RecvMultiBundle> {
    /**
     * Receives from {@code fd} into bundles of buffers of {@code bufferGroup} until stopped.
     *
     * @param fd a stream socket
     * @param bufferGroup the group id, 0 to 65535
     */
    public RecvMultiBundle(int fd, int bufferGroup) {
        super(Opcode.RECV, RecvSendFlags.RECV_MULTISHOT | RecvSendFlags.BUNDLE, fd, bufferGroup);
    }

    @Override
    RecvMultiBundle self() {
        return this;
    }
}
