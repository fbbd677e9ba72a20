package io.liouring.operation;

import io.liouring.DirectFd;
import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;

import java.util.Objects;

/**
 * What splice and tee share: an input fd ({@code splice_fd_in}), an output fd ({@code fd}), a length and
 * {@link SpliceFlags} ({@code splice_flags}).
 */
abstract class PipeTransfer<T extends PipeTransfer<T>> implements Operation {
    private final Opcode opcode;
    private int fdIn;
    private int fdOut;
    private int length;
    private int callerFlags;
    private boolean directIn;

    PipeTransfer(Opcode opcode, int fdIn, int fdOut, int length) {
        this.opcode = opcode;
        this.fdIn = fdIn;
        this.fdOut = fdOut;
        length(length);
    }

    abstract T self();

    /**
     * The input fd.
     *
     * @param fdIn the descriptor to read from
     * @return this operation
     */
    public T fdIn(int fdIn) {
        this.fdIn = fdIn;
        this.directIn = false;
        return self();
    }

    /**
     * The input is the direct descriptor {@code fdIn} ({@link SpliceFlags#FD_IN_FIXED}).
     *
     * @param fdIn the direct descriptor to read from
     * @return this operation
     */
    public T fdIn(DirectFd fdIn) {
        this.fdIn = Objects.requireNonNull(fdIn, "fdIn").slot();
        this.directIn = true;
        return self();
    }

    /**
     * The output fd (a direct descriptor's slot when pushed with {@code SqeFlags.FIXED_FILE}).
     *
     * @param fdOut the descriptor to write to
     * @return this operation
     */
    public T fdOut(int fdOut) {
        this.fdOut = fdOut;
        return self();
    }

    /**
     * Bytes to move at most.
     *
     * @param length bytes, not negative
     * @return this operation
     */
    public T length(int length) {
        this.length = Checks.requireNonNegative(length, "length");
        return self();
    }

    /**
     * {@link SpliceFlags} bits ({@code splice_flags}). They replace the flags of an earlier call and are OR-ed
     * with the one this operation sets itself for a direct input ({@link #fdIn(DirectFd)}), which they never clear.
     *
     * @param spliceFlags {@code SPLICE_F_*} bits, or 0
     * @return this operation
     */
    public T flags(int spliceFlags) {
        this.callerFlags = SpliceFlags.require(spliceFlags);
        return self();
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.opcode(opcode).fd(fdOut).len(length)
                .opFlags(directIn ? callerFlags | SpliceFlags.FD_IN_FIXED : callerFlags).fileIndex(fdIn);
        encodeOffsets(sqe);
    }

    /** The file offsets, for the forms that have them. */
    void encodeOffsets(Sqe sqe) {
    }
}
