package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;

import java.lang.foreign.MemorySegment;

/**
 * What {@link FutexWait} and {@link FutexWake} share: a 32-bit futex word, a value ({@code sqe.addr2}), a bit
 * mask ({@code sqe.addr3}) and {@link Futex2Flags} in {@code sqe.fd}.
 */
abstract class FutexOperation<T extends FutexOperation<T>> implements Operation {
    private final Opcode opcode;
    private MemorySegment futex;
    private long value;
    private long mask = Futex2Flags.BITSET_MATCH_ANY;
    private int futexFlags = Futex2Flags.SIZE_U32 | Futex2Flags.PRIVATE;

    FutexOperation(Opcode opcode, MemorySegment futex, long value) {
        this.opcode = opcode;
        futex(futex);
        this.value = value;
    }

    abstract T self();

    /**
     * The futex: the 32-bit word at the start of this native, 4-byte aligned segment.
     *
     * @param futex native memory, 4-byte aligned, at least 4 bytes; it must stay open until the completion
     * @return this operation
     */
    public T futex(MemorySegment futex) {
        Checks.requireNative(futex, "futex");
        if (futex.byteSize() < 4 || futex.address() % 4 != 0) {
            throw new IllegalArgumentException("futex must be a 4-byte aligned segment of at least 4 bytes: " + futex);
        }
        this.futex = futex;
        return self();
    }

    /** The value ({@code sqe.addr2}): what a wait expects, or how many a wake wakes. */
    T value(long value) {
        this.value = value;
        return self();
    }

    /**
     * Only waiters and wakers whose masks share a bit meet (default {@link Futex2Flags#BITSET_MATCH_ANY};
     * must not be 0).
     *
     * @param mask the bits, not 0
     * @return this operation
     */
    public T mask(long mask) {
        if (mask == 0 || (mask & ~Futex2Flags.BITSET_MATCH_ANY) != 0) {
            throw new IllegalArgumentException("mask must be a non-zero 32-bit bit set: 0x" + Long.toHexString(mask));
        }
        this.mask = mask;
        return self();
    }

    /**
     * {@link Futex2Flags} of the futex (default {@code SIZE_U32 | PRIVATE}; use {@code SIZE_U32} alone for a futex
     * shared with other processes).
     *
     * @param flags {@link Futex2Flags} bits
     * @return this operation
     */
    public T futexFlags(int flags) {
        this.futexFlags = flags;
        return self();
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.opcode(opcode).fd(futexFlags).addr(Checks.addressOf(futex, "futex")).addr2(value).addr3(mask);
    }
}
