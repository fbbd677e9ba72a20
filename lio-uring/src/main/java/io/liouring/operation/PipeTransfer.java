package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;

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
    private boolean fixedFdIn;

    PipeTransfer(Opcode opcode, int fdIn, int fdOut, int length) {
        this.opcode = opcode;
        this.fdIn = fdIn;
        this.fdOut = fdOut;
        length(length);
    }

    abstract T self();

    /** The input fd (a direct descriptor's slot with {@link #fixedFdIn()}). */
    public T fdIn(int fdIn) {
        this.fdIn = fdIn;
        return self();
    }

    /** The output fd (a direct descriptor's slot when pushed with {@code SqeFlags.FIXED_FILE}). */
    public T fdOut(int fdOut) {
        this.fdOut = fdOut;
        return self();
    }

    /** Bytes to move at most. */
    public T length(int length) {
        this.length = Checks.requireNonNegative(length, "length");
        return self();
    }

    /**
     * {@link SpliceFlags} bits ({@code splice_flags}). They replace the flags of an earlier call and are OR-ed
     * with the one this operation sets itself ({@link #fixedFdIn()}), which they never clear.
     */
    public T flags(int spliceFlags) {
        this.callerFlags = SpliceFlags.require(spliceFlags);
        return self();
    }

    /** The input fd is an index into the registered file table ({@link SpliceFlags#FD_IN_FIXED}). */
    public T fixedFdIn() {
        this.fixedFdIn = true;
        return self();
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.opcode(opcode).fd(fdOut).len(length)
                .opFlags(fixedFdIn ? callerFlags | SpliceFlags.FD_IN_FIXED : callerFlags).fileIndex(fdIn);
        encodeOffsets(sqe);
    }

    /** The file offsets, for the forms that have them. */
    void encodeOffsets(Sqe sqe) {
    }
}
