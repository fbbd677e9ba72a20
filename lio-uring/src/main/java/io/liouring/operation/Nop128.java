package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

/**
 * Does nothing in a 128-byte submission entry and completes with 0 ({@code IORING_OP_NOP128}, Linux 6.19;
 * {@code io_uring_prep_nop128(3)}). Needs a ring with 128-byte entries ({@code SQE128}) or, on 6.19+, mixed
 * entry sizes ({@code IORING_SETUP_SQE_MIXED}); mostly useful for exercising those rings.
 */
public final class Nop128 implements Operation {
    /** A 128-byte no-op that completes with 0. */
    public Nop128() {
    }

    /** @throws IllegalStateException if the entry is a 64-byte one (the kernel would refuse the request) */
    @Override
    public void encode(Sqe sqe) {
        Entry128.require(sqe, "Nop128");
        sqe.opcode(Opcode.NOP128).fd(-1);
    }
}
