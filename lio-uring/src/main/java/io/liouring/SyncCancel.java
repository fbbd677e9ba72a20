package io.liouring;

import java.time.Duration;
import java.util.Objects;

/**
 * Which in-flight requests {@link LioUring#cancelSync(SyncCancel)} cancels ({@code IORING_REGISTER_SYNC_CANCEL},
 * Linux 6.0; {@code io_uring_register_sync_cancel(3)}): by user data, by file, by opcode or any; the first match
 * or, with {@link #all()}, every match. Immutable: each modifier returns a new instance.
 */
public final class SyncCancel {
    static final int ALL = 1;
    static final int FD = 1 << 1;
    static final int ANY = 1 << 2;
    static final int FD_FIXED = 1 << 3;
    static final int OP = 1 << 5;

    private final int flags;
    private final long userData;
    private final int fd;
    private final int opcode;
    private final Duration timeout;

    private SyncCancel(int flags, long userData, int fd, int opcode, Duration timeout) {
        this.flags = flags;
        this.userData = userData;
        this.fd = fd;
        this.opcode = opcode;
        this.timeout = timeout;
    }

    /**
     * {@return criteria matching the request pushed with this user data}
     *
     * @param userData the {@code user_data} the request was pushed with
     */
    public static SyncCancel userData(long userData) {
        return new SyncCancel(0, userData, 0, 0, null);
    }

    /**
     * {@return criteria matching a request on this file descriptor ({@code IORING_ASYNC_CANCEL_FD})}
     *
     * @param fd the descriptor the request uses, not negative
     */
    public static SyncCancel fd(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("fd must not be negative: " + fd);
        }
        return new SyncCancel(FD, 0, fd, 0, null);
    }

    /**
     * A request on this direct descriptor ({@code IORING_ASYNC_CANCEL_FD_FIXED}).
     *
     * @param direct the direct descriptor
     * @return the criteria
     */
    public static SyncCancel fd(DirectFd direct) {
        return new SyncCancel(FD | FD_FIXED, 0, Objects.requireNonNull(direct, "direct").slot(), 0, null);
    }

    /**
     * {@return criteria matching a request with this opcode ({@code IORING_ASYNC_CANCEL_OP}, 6.6)}
     *
     * @param opcode the request's opcode
     */
    public static SyncCancel opcode(Opcode opcode) {
        return new SyncCancel(OP, 0, 0, Objects.requireNonNull(opcode, "opcode").code(), null);
    }

    /** {@return criteria matching any request ({@code IORING_ASYNC_CANCEL_ANY}); implies {@link #all()}} */
    public static SyncCancel any() {
        return new SyncCancel(ANY, 0, 0, 0, null);
    }

    /** {@return these criteria, matching every such request instead of the first ({@code IORING_ASYNC_CANCEL_ALL})} */
    public SyncCancel all() {
        return new SyncCancel(flags | ALL, userData, fd, opcode, timeout);
    }

    /**
     * Wait at most this long for matching requests that are already running (default: as long as it takes).
     *
     * @param timeout how long to wait, not negative
     * @return a copy of these criteria with the timeout
     */
    public SyncCancel timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        return new SyncCancel(flags, userData, fd, opcode, timeout);
    }

    int flags() {
        return flags;
    }

    long userData() {
        return userData;
    }

    int fd() {
        return fd;
    }

    int opcode() {
        return opcode;
    }

    /** The timeout, or {@code null} for none. */
    Duration timeoutOrNull() {
        return timeout;
    }

    /** Whether every match is cancelled (the kernel then reports how many). */
    boolean cancelsAll() {
        return (flags & (ALL | ANY)) != 0;
    }
}
