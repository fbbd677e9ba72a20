package io.liouring.operation;

import io.liouring.DirectFd;
import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

import java.util.Objects;

/**
 * Does nothing and completes with 0 ({@code IORING_OP_NOP}, Linux 5.1; {@code io_uring_prep_nop(3)}).
 *
 * <p>The kernel's test flags ({@code sqe.nop_flags}) make it exercise one path of a real request each, for testing
 * error handling and completion paths without real I/O: {@link #injectResult(int)} ({@code IORING_NOP_INJECT_RESULT}),
 * {@link #file(int)} and {@link #file(DirectFd)} ({@code IORING_NOP_FILE}, {@code IORING_NOP_FIXED_FILE}: look up a
 * descriptor), {@link #fixedBuffer(int)} ({@code IORING_NOP_FIXED_BUFFER}: look up a registered buffer),
 * {@link #taskWork()} ({@code IORING_NOP_TW}: complete through task work) and {@link #cqe32(long, long)}
 * ({@code IORING_NOP_CQE32}, 6.18: post a 32-byte completion). Kernels that do not know a flag fail the request
 * with {@code EINVAL}; 6.18 knows them all.
 */
public final class Nop implements Operation {
    private static final int INJECT_RESULT = 1;
    private static final int FILE = 1 << 1;
    private static final int FIXED_FILE = 1 << 2;
    private static final int FIXED_BUFFER = 1 << 3;
    private static final int TASK_WORK = 1 << 4;
    private static final int CQE32 = 1 << 5;

    private int nopFlags;
    private int result;
    private int fd = -1;
    private int bufferIndex;
    private long extra1;
    private long extra2;

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
        this.nopFlags |= INJECT_RESULT;
        this.result = result;
        return this;
    }

    /**
     * Complete with 0 again.
     *
     * @return this operation
     */
    public Nop noInjection() {
        this.nopFlags &= ~INJECT_RESULT;
        this.result = 0;
        return this;
    }

    /**
     * Looks up {@code fd} as a real request would ({@code IORING_NOP_FILE}): a descriptor that is not open fails the
     * request with {@code EBADF}.
     *
     * @param fd the descriptor to look up
     * @return this operation
     */
    public Nop file(int fd) {
        this.nopFlags = (nopFlags | FILE) & ~FIXED_FILE;
        this.fd = fd;
        return this;
    }

    /**
     * Looks up a direct descriptor ({@code IORING_NOP_FILE} with {@code IORING_NOP_FIXED_FILE}): an empty or missing
     * slot of the registered-file table fails the request with {@code EBADF}.
     *
     * @param fd the direct descriptor to look up
     * @return this operation
     */
    public Nop file(DirectFd fd) {
        Objects.requireNonNull(fd, "fd");
        this.nopFlags |= FILE | FIXED_FILE;
        this.fd = fd.slot();
        return this;
    }

    /**
     * Looks up registered buffer {@code index} ({@code IORING_NOP_FIXED_BUFFER}): a missing one fails the request
     * with {@code EFAULT}.
     *
     * @param index the registered buffer's index
     * @return this operation
     */
    public Nop fixedBuffer(int index) {
        if (index < 0 || index > 0xFFFF) {
            throw new IllegalArgumentException("index must be between 0 and 65535: " + index);
        }
        this.nopFlags |= FIXED_BUFFER;
        this.bufferIndex = index;
        return this;
    }

    /**
     * Completes through task work, as requests finished by a device interrupt or a worker do ({@code IORING_NOP_TW}):
     * on a {@code DEFER_TASKRUN} ring its completion appears only when the ring is entered to wait.
     *
     * @return this operation
     */
    public Nop taskWork() {
        this.nopFlags |= TASK_WORK;
        return this;
    }

    /**
     * Posts a 32-byte completion carrying two extra words ({@code IORING_NOP_CQE32}, 6.18): on {@code CQE32} and
     * {@code CQE_MIXED} rings only (others fail the request with {@code EINVAL}).
     *
     * @param extra1 the completion's first extra word
     * @param extra2 its second extra word
     * @return this operation
     */
    public Nop cqe32(long extra1, long extra2) {
        this.nopFlags |= CQE32;
        this.extra1 = extra1;
        this.extra2 = extra2;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.opcode(Opcode.NOP).fd(fd);
        if (nopFlags != 0) {
            sqe.opFlags(nopFlags);
        }
        if ((nopFlags & INJECT_RESULT) != 0) {
            sqe.len(result);
        }
        if ((nopFlags & FIXED_BUFFER) != 0) {
            sqe.bufIndex(bufferIndex);
        }
        if ((nopFlags & CQE32) != 0) {
            sqe.off(extra1).addr(extra2);
        }
    }
}
