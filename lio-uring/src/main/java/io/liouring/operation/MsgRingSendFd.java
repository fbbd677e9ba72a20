package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;

/**
 * Installs a file from this ring's registered-file table into another ring's table
 * ({@code IORING_OP_MSG_RING} with {@code IORING_MSG_SEND_FD}, Linux 6.0; {@code io_uring_prep_msg_ring_fd(3)},
 * {@code io_uring_prep_msg_ring_fd_alloc(3)}).
 *
 * <p>The target ring sees a completion with the given {@code user_data} and, as result, 0 or the slot the kernel
 * allocated (unless {@link #skipTargetCompletion()}); this request completes with the same value or
 * {@code -errno} ({@code -EBADF} if the source slot is empty, {@code -EINVAL} if the target is this ring,
 * {@code -ENFILE} if the target's table is full).
 */
public final class MsgRingSendFd implements Operation {
    private static final long MSG_SEND_FD = 1;
    private static final int CQE_SKIP = 1;

    private int targetRingFd;
    private int sourceIndex;
    private int targetFileIndex;
    private long userData;
    private int flags;

    private MsgRingSendFd(int targetRingFd, int sourceIndex) {
        this.targetRingFd = targetRingFd;
        source(sourceIndex);
        this.targetFileIndex = DirectSlot.ALLOCATE;
    }

    /**
     * @param targetRingFd the ring to send to ({@code LioUring.fd()} of the target)
     * @param sourceIndex  the registered-file index of the file in this ring
     * @param targetSlot   the slot of the target's registered-file table to install it in (replaced if taken)
     */
    public MsgRingSendFd(int targetRingFd, int sourceIndex, int targetSlot) {
        this(targetRingFd, sourceIndex);
        targetSlot(targetSlot);
    }

    /** Install into a free slot of the target's table the kernel picks; both completions carry the slot. */
    public static MsgRingSendFd toFreeSlot(int targetRingFd, int sourceIndex) {
        return new MsgRingSendFd(targetRingFd, sourceIndex);
    }

    /** Change which registered file of this ring to send (for reuse). */
    public MsgRingSendFd source(int sourceIndex) {
        this.sourceIndex = Checks.requireNonNegative(sourceIndex, "sourceIndex");
        return this;
    }

    /** Change the target slot (for reuse). */
    public MsgRingSendFd targetSlot(int targetSlot) {
        this.targetFileIndex = DirectSlot.of(targetSlot);
        return this;
    }

    /** The {@code user_data} of the completion posted on the target ring (default 0). */
    public MsgRingSendFd userData(long userData) {
        this.userData = userData;
        return this;
    }

    /** Post no completion on the target ring ({@code IORING_MSG_RING_CQE_SKIP}). */
    public MsgRingSendFd skipTargetCompletion() {
        flags |= CQE_SKIP;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(Opcode.MSG_RING, targetRingFd, MSG_SEND_FD, 0, userData).addr3(sourceIndex)
                .fileIndex(targetFileIndex).opFlags(flags);
    }
}
