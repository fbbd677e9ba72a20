package io.liouring.async;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

/**
 * The loop's own encoder for {@code IORING_OP_ASYNC_CANCEL} (5.5; {@code io_uring_prep_cancel64(3)}):
 * cancel the first request whose {@code user_data} equals the target. Reused for every cancel the loop
 * sends; the target request then completes with {@code -ECANCELED} (or with its own result if it won the
 * race). The cancel's own completion is 0, {@code -ENOENT} (already done) or {@code -EALREADY} (running;
 * it will complete by itself).
 *
 * <p>Kept package-private on purpose: the public {@code io.liouring.operation.AsyncCancel} replaces it
 * once the two branches meet.
 */
final class KernelCancel implements Operation {
    private long target;

    KernelCancel target(long userData) {
        this.target = userData;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.opcode(Opcode.ASYNC_CANCEL).fd(-1).addr(target);
    }
}
