package io.liouring.operation;

import io.liouring.DirectFd;
import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

import java.util.Objects;

/**
 * Installs a file from this ring's registered-file table into another ring's table
 * ({@code IORING_OP_MSG_RING} with {@code IORING_MSG_SEND_FD}, Linux 6.0; {@code io_uring_prep_msg_ring_fd(3)},
 * {@code io_uring_prep_msg_ring_fd_alloc(3)}).
 *
 * <p>The file becomes a direct descriptor of the target ring: in a free slot the kernel picks (the default, or
 * {@link #directAllocate()}) or in a given one ({@link #direct(DirectFd)}). The target ring sees a completion with
 * the given {@code user_data} and, as result, 0 or the slot the kernel allocated (unless
 * {@link #skipTargetCompletion()}); this request completes with the same value or
 * {@code -errno} ({@code -EBADF} if the source slot is empty, {@code -EINVAL} if the target is this ring,
 * {@code -ENFILE} if the target's table is full).
 */
public final class MsgRingSendFd implements Operation {
    private static final long MSG_SEND_FD = 1;
    private static final int CQE_SKIP = 1;

    private int targetRingFd;
    private int sourceSlot;
    private int targetFileIndex = DirectSlot.ALLOCATE;
    private long userData;
    private int flags;

    /**
     * Sends {@code source} to a free slot of the target's table, which the kernel picks; both completions carry
     * the slot.
     *
     * @param targetRingFd the ring to send to ({@code LioUring.fd()} of the target)
     * @param source       the direct descriptor of this ring to send
     */
    public MsgRingSendFd(int targetRingFd, DirectFd source) {
        this.targetRingFd = targetRingFd;
        source(source);
    }

    /**
     * Change which direct descriptor of this ring to send (for reuse).
     *
     * @param source the direct descriptor of this ring to send
     * @return this operation
     */
    public MsgRingSendFd source(DirectFd source) {
        this.sourceSlot = Objects.requireNonNull(source, "source").slot();
        return this;
    }

    /**
     * Install it as the target ring's direct descriptor {@code target} (replaced if taken).
     *
     * @param target the slot of the target ring to fill
     * @return this operation
     */
    public MsgRingSendFd direct(DirectFd target) {
        this.targetFileIndex = DirectSlot.of(target);
        return this;
    }

    /**
     * Install it in a free slot of the target's table the kernel picks (the default).
     *
     * @return this operation
     */
    public MsgRingSendFd directAllocate() {
        this.targetFileIndex = DirectSlot.ALLOCATE;
        return this;
    }

    /**
     * The {@code user_data} of the completion posted on the target ring (default 0).
     *
     * @param userData any 64-bit value
     * @return this operation
     */
    public MsgRingSendFd userData(long userData) {
        this.userData = userData;
        return this;
    }

    /**
     * Post no completion on the target ring ({@code IORING_MSG_RING_CQE_SKIP}).
     *
     * @return this operation
     */
    public MsgRingSendFd skipTargetCompletion() {
        flags |= CQE_SKIP;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(Opcode.MSG_RING, targetRingFd, MSG_SEND_FD, 0, userData).addr3(sourceSlot)
                .fileIndex(targetFileIndex).opFlags(flags);
    }
}
