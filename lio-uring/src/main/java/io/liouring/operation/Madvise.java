package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;

import java.lang.foreign.MemorySegment;

/**
 * Advises the kernel about the use of a memory range of this process, like {@code madvise(2)}
 * ({@code IORING_OP_MADVISE}, Linux 5.6; {@code io_uring_prep_madvise(3)}, {@code io_uring_prep_madvise64(3)}).
 * The range must start on a page boundary (allocate it with {@code arena.allocate(size, pageSize)}).
 * Completes with 0 or {@code -errno}: {@code -EINVAL} for a start that is not page-aligned or unknown
 * advice, {@code -ENOMEM} for a range that is not mapped.
 *
 * <p>Advice such as {@link MemoryAdvice#DONTNEED} changes what the memory holds (private anonymous pages read
 * back as zeros): only advise memory whose contents you can lose. A length up to 4 GiB - 1 goes in the
 * 32-bit {@code len} field every kernel reads; a longer one in the 64-bit {@code off} field, which the
 * kernel reads since Linux 6.11.
 */
public final class Madvise implements Operation {
    private static final long U32_MAX = 0xFFFF_FFFFL;

    private MemorySegment range;
    private int advice;

    /**
     * Advises the kernel about the expected use of a range of memory.
     *
     * @param range  the memory (native, page-aligned); its whole length is advised
     * @param advice a {@link MemoryAdvice} value
     */
    public Madvise(MemorySegment range, int advice) {
        range(range);
        this.advice = advice;
    }

    /**
     * The memory range (native, page-aligned).
     *
     * @param range native, page-aligned memory
     * @return this operation
     */
    public Madvise range(MemorySegment range) {
        this.range = Checks.requireNative(range, "range");
        return this;
    }

    /**
     * A {@link MemoryAdvice} value.
     *
     * @param advice a {@code MADV_*} value from {@link MemoryAdvice}
     * @return this operation
     */
    public Madvise advice(int advice) {
        this.advice = advice;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        long length = range.byteSize();
        boolean fits = length <= U32_MAX;
        sqe.prepRw(Opcode.MADVISE, -1, Checks.addressOf(range, "range"), fits ? (int) length : 0, fits ? 0 : length)
                .opFlags(advice);
    }
}
