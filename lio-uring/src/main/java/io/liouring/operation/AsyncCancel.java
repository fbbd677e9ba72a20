package io.liouring.operation;

import io.liouring.DirectFd;
import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

import java.util.Objects;

/**
 * Cancels requests in flight on this ring ({@code IORING_OP_ASYNC_CANCEL}, Linux 5.5;
 * {@code io_uring_prep_cancel(3)}, {@code io_uring_prep_cancel_fd(3)}).
 *
 * <p>Pick the first criterion with a factory, narrow it with the {@code and…} methods (all criteria must match),
 * and say {@link #all()} to cancel every match instead of the first:
 * <pre>{@code
 * AsyncCancel.byUserData(42)                            // the request pushed with user_data 42 (5.5)
 * AsyncCancel.byFd(socket).all()                        // every request on that fd (5.19)
 * AsyncCancel.byOpcode(Opcode.RECV).andFd(socket).all() // every RECV on that fd (6.6)
 * AsyncCancel.any()                                     // every request of the ring (5.19)
 * }</pre>
 *
 * <p>Completes with 0 when it cancelled the first match (1 for a futex or waitid request: their cancel reports a
 * count), {@code -ENOENT} if nothing matched, {@code -EALREADY} if the match was already running and could only
 * be signalled; with {@link #all()} or {@link #any()}, with the number cancelled (0 if none). Each cancelled
 * request completes on its own, usually with {@code -ECANCELED}.
 */
public final class AsyncCancel implements Operation {
    private static final int ALL = 1;
    private static final int FD = 1 << 1;
    private static final int ANY = 1 << 2;
    private static final int FD_FIXED = 1 << 3;
    private static final int USERDATA = 1 << 4;
    private static final int OP = 1 << 5;

    private int flags;
    private boolean byUserData;
    private long userData;
    private int fd = -1;
    private Opcode opcode;

    private AsyncCancel() {
    }

    /**
     * Cancel the request pushed with this {@code user_data} (5.5).
     *
     * @param userData the {@code user_data} the target was pushed with
     * @return the cancel request; it completes with 0 once the target is cancelled, {@code -ENOENT} if none matched,
     * {@code -EALREADY} if it is already running
     */
    public static AsyncCancel byUserData(long userData) {
        return new AsyncCancel().andUserData(userData);
    }

    /**
     * Cancel the request using this file descriptor ({@code IORING_ASYNC_CANCEL_FD}, 5.19).
     *
     * @param fd the plain descriptor the target uses (for a direct descriptor, {@link #byFd(DirectFd)})
     * @return the cancel request
     */
    public static AsyncCancel byFd(int fd) {
        return new AsyncCancel().andFd(fd);
    }

    /**
     * Cancel the request using this direct descriptor (pushed with {@code SqeFlags.FIXED_FILE})
     * ({@code IORING_ASYNC_CANCEL_FD | IORING_ASYNC_CANCEL_FD_FIXED}, 6.0).
     *
     * @param direct the direct descriptor
     * @return the cancel
     */
    public static AsyncCancel byFd(DirectFd direct) {
        return new AsyncCancel().andFd(direct);
    }

    /**
     * Cancel the request with this opcode ({@code IORING_ASYNC_CANCEL_OP}, 6.6).
     *
     * @param opcode the opcode of the target
     * @return the cancel request
     */
    public static AsyncCancel byOpcode(Opcode opcode) {
        return new AsyncCancel().andOpcode(opcode);
    }

    /**
     * Cancel every request in flight on the ring, whatever it is ({@code IORING_ASYNC_CANCEL_ANY}, 5.19).
     *
     * @return the cancel request; it completes with the number of requests cancelled
     */
    public static AsyncCancel any() {
        AsyncCancel cancel = new AsyncCancel();
        cancel.flags = ANY;
        return cancel;
    }

    /**
     * Also require this {@code user_data} ({@code IORING_ASYNC_CANCEL_USERDATA} with other criteria, 6.6).
     *
     * @param userData the {@code user_data} the target was pushed with
     * @return this operation
     */
    public AsyncCancel andUserData(long userData) {
        requireNotAny();
        this.byUserData = true;
        this.userData = userData;
        return this;
    }

    /**
     * Also require this file descriptor ({@code IORING_ASYNC_CANCEL_FD}, 5.19).
     *
     * @param fd the descriptor the target uses
     * @return this operation
     */
    public AsyncCancel andFd(int fd) {
        requireNotAny();
        if (fd < 0) {
            throw new IllegalArgumentException("fd must not be negative: " + fd);
        }
        this.fd = fd;
        flags = (flags | FD) & ~FD_FIXED;
        return this;
    }

    /**
     * Also require this direct descriptor ({@code IORING_ASYNC_CANCEL_FD_FIXED}, 6.0).
     *
     * @param direct the direct descriptor
     * @return this cancel
     */
    public AsyncCancel andFd(DirectFd direct) {
        requireNotAny();
        this.fd = Objects.requireNonNull(direct, "direct").slot();
        flags |= FD | FD_FIXED;
        return this;
    }

    /**
     * Also require this opcode ({@code IORING_ASYNC_CANCEL_OP}, 6.6).
     *
     * @param opcode the opcode of the target
     * @return this operation
     */
    public AsyncCancel andOpcode(Opcode opcode) {
        requireNotAny();
        this.opcode = Objects.requireNonNull(opcode, "opcode");
        flags |= OP;
        return this;
    }

    /**
     * Cancel every match, not just the first; the result is the number cancelled ({@code IORING_ASYNC_CANCEL_ALL},
     * 5.19).
     *
     * @return this operation
     */
    public AsyncCancel all() {
        flags |= ALL;
        return this;
    }

    private void requireNotAny() {
        if ((flags & ANY) != 0) {
            throw new IllegalStateException("AsyncCancel.any() matches every request; it takes no other criteria");
        }
    }

    @Override
    public void encode(Sqe sqe) {
        int cancelFlags = flags;
        if (byUserData && (flags & (FD | OP)) != 0) {
            cancelFlags |= USERDATA;
        }
        sqe.opcode(Opcode.ASYNC_CANCEL).fd((flags & FD) != 0 ? fd : -1).addr(userData).opFlags(cancelFlags);
        if (opcode != null) {
            sqe.len(opcode.code());
        }
    }
}
