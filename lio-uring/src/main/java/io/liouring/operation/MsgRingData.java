package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

/**
 * Posts a completion of your choosing on another ring ({@code IORING_OP_MSG_RING} with {@code IORING_MSG_DATA},
 * Linux 5.18; {@code io_uring_prep_msg_ring(3)}, {@code io_uring_prep_msg_ring_cqe_flags(3)}): a cheap way to
 * wake and message the thread that owns that ring.
 *
 * <p>The target ring sees a completion with the given {@code user_data} and result (and flags, with
 * {@link #cqeFlags(int)}); this request completes with 0, {@code -EOVERFLOW} if the target's completion queue had
 * no room, {@code -EBADFD} if the fd is not a ring. To name the target ring by a direct descriptor's slot, push with
 * {@code SqeFlags.FIXED_FILE}.
 */
public final class MsgRingData implements Operation {
    private static final int MSG_DATA = 0;
    private static final int FLAGS_PASS = 1 << 1;

    private int targetRingFd;
    private long userData;
    private int result;
    private boolean passFlags;
    private int cqeFlags;

    /**
     * Posts a completion with {@code userData} and {@code result} on the ring {@code targetRingFd}.
     *
     * @param targetRingFd the ring to post on ({@code LioUring.fd()} of the target)
     * @param userData     the {@code user_data} of the posted completion
     * @param result       its {@code res}
     */
    public MsgRingData(int targetRingFd, long userData, int result) {
        this.targetRingFd = targetRingFd;
        this.userData = userData;
        this.result = result;
    }

    /**
     * Change the target ring (for reuse).
     *
     * @param targetRingFd the target ring's descriptor
     * @return this operation
     */
    public MsgRingData targetRingFd(int targetRingFd) {
        this.targetRingFd = targetRingFd;
        return this;
    }

    /**
     * Change the posted {@code user_data} and {@code res} (for reuse).
     *
     * @param userData the {@code user_data} of the posted completion
     * @param result the {@code res} of the posted completion
     * @return this operation
     */
    public MsgRingData message(long userData, int result) {
        this.userData = userData;
        this.result = result;
        return this;
    }

    /**
     * Give the posted completion these {@code flags} ({@code IORING_MSG_RING_FLAGS_PASS}); the kernel may add
     * bits of its own.
     *
     * @param flags the {@code IORING_CQE_F_*} flags of the posted completion
     * @return this operation
     */
    public MsgRingData cqeFlags(int flags) {
        this.passFlags = true;
        this.cqeFlags = flags;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(Opcode.MSG_RING, targetRingFd, MSG_DATA, result, userData);
        if (passFlags) {
            sqe.opFlags(FLAGS_PASS).fileIndex(cqeFlags);
        }
    }
}
