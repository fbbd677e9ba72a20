package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

/**
 * Does nothing and completes with 0 ({@code IORING_OP_NOP}, Linux 5.1; {@code io_uring_prep_nop(3)}).
 * With {@link #injectResult(int)} it completes with a chosen result instead (6.x), for exercising error paths.
 */
public final class Nop implements Operation {
    private static final int INJECT_RESULT = 1;

    private boolean inject;
    private int result;

    /** A no-op that completes with 0. */
    public Nop() {
    }

    /**
     * Complete with {@code result} (for example {@code -Errno.EIO.number()}) instead of 0.
     *
     * @param result the result to complete with, e.g. a negative errno
     * @return this operation
     */
    public Nop injectResult(int result) {
        this.inject = true;
        this.result = result;
        return this;
    }

    /**
     * Complete with 0 again.
     *
     * @return this operation
     */
    public Nop noInjection() {
        this.inject = false;
        this.result = 0;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.opcode(Opcode.NOP).fd(-1);
        if (inject) {
            sqe.opFlags(INJECT_RESULT).len(result);
        }
    }
}
