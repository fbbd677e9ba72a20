package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Sqe;
import io.liouring.SqeFlags;
import io.liouring.struct.MsgHdr;

/**
 * Receives messages from a socket again and again into buffers of a provided-buffer group
 * ({@code IORING_OP_RECVMSG} with {@code IORING_RECV_MULTISHOT} and {@code BUFFER_SELECT}, Linux 6.0;
 * {@code io_uring_prep_recvmsg_multishot(3)}).
 *
 * <p>The header is a template: only the name and control room it reserves matter (at most one data vector,
 * ignored). Each completion's buffer holds an {@code io_uring_recvmsg_out} header, that room, then the
 * payload: read it with {@code RecvMsgOut}. Completions carry {@code F_MORE} while the request stays armed.
 */
public final class RecvMsgMulti extends MsgIo<RecvMsgMulti> {
    private int bufferGroup;

    /**
     * Receives messages from {@code fd} into buffers of {@code bufferGroup}, laid out as {@code template} says.
     *
     * @param fd the socket
     * @param template the header whose name and control room fix each buffer's layout
     * @param bufferGroup the group id, 0 to 65535
     */
    public RecvMsgMulti(int fd, MsgHdr template, int bufferGroup) {
        super(Opcode.RECVMSG, true, fd, template);
        bufferGroup(bufferGroup);
        addIoprio(RecvSendFlags.RECV_MULTISHOT);
    }

    /**
     * The provided-buffer group (0..65535), e.g. a {@code BufferRing}'s.
     *
     * @param bufferGroup the group id, 0 to 65535
     * @return this operation
     */
    public RecvMsgMulti bufferGroup(int bufferGroup) {
        this.bufferGroup = BufferGroups.requireId(bufferGroup);
        return this;
    }

    @Override
    void encodeExtra(Sqe sqe) {
        sqe.bufGroup(bufferGroup).addFlags(SqeFlags.BUFFER_SELECT);
    }

    @Override
    RecvMsgMulti self() {
        return this;
    }
}
