package io.liouring.operation;

import io.liouring.Opcode;

/**
 * Copies bytes from one pipe to another without consuming them from the first, like {@code tee(2)}
 * ({@code IORING_OP_TEE}, Linux 5.8; {@code io_uring_prep_tee(3)}). Both fds must be pipes.
 *
 * <p>Completes with the number of bytes duplicated (0: the input pipe is empty and has no writers) or
 * {@code -errno}.
 */
public final class Tee extends PipeTransfer<Tee> {
    /**
     * Duplicates up to {@code length} bytes from pipe {@code fdIn} to pipe {@code fdOut}.
     *
     * @param fdIn   the pipe to copy from (its content stays)
     * @param fdOut  the pipe to copy to
     * @param length bytes to copy at most
     */
    public Tee(int fdIn, int fdOut, int length) {
        super(Opcode.TEE, fdIn, fdOut, length);
    }

    @Override
    Tee self() {
        return this;
    }
}
