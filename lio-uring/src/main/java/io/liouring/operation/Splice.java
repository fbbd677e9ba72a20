package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Sqe;
import io.liouring.internal.Checks;

/**
 * Moves bytes between two file descriptors, at least one of them a pipe, like {@code splice(2)}
 * ({@code IORING_OP_SPLICE}, Linux 5.7; {@code io_uring_prep_splice(3)}).
 *
 * <p>An offset of -1 means "no offset": the fd's own position, and the only value a pipe accepts
 * ({@code -ESPIPE} otherwise). Completes with the number of bytes moved (0: nothing to move, e.g. the
 * input pipe's writers are gone) or {@code -errno}.
 */
public final class Splice extends PipeTransfer<Splice> {
    private long offsetIn;
    private long offsetOut;

    /**
     * Moves up to {@code length} bytes from {@code fdIn} to {@code fdOut}; one of them must be a pipe.
     *
     * @param fdIn      the fd to read from
     * @param offsetIn  offset in {@code fdIn}, or -1 (required for a pipe)
     * @param fdOut     the fd to write to
     * @param offsetOut offset in {@code fdOut}, or -1 (required for a pipe)
     * @param length    bytes to move at most
     */
    public Splice(int fdIn, long offsetIn, int fdOut, long offsetOut, int length) {
        super(Opcode.SPLICE, fdIn, fdOut, length);
        offsetIn(offsetIn);
        offsetOut(offsetOut);
    }

    /**
     * Offset in the input fd, or -1 for none.
     *
     * @param offsetIn not negative, or -1
     * @return this operation
     */
    public Splice offsetIn(long offsetIn) {
        this.offsetIn = Checks.requireOffset(offsetIn, "offsetIn");
        return this;
    }

    /**
     * Offset in the output fd, or -1 for none.
     *
     * @param offsetOut not negative, or -1
     * @return this operation
     */
    public Splice offsetOut(long offsetOut) {
        this.offsetOut = Checks.requireOffset(offsetOut, "offsetOut");
        return this;
    }

    @Override
    Splice self() {
        return this;
    }

    @Override
    void encodeOffsets(Sqe sqe) {
        sqe.off(offsetOut).addr(offsetIn);
    }
}
