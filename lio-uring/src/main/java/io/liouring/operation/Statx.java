package io.liouring.operation;

import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;
import io.liouring.struct.StatxResult;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Gets a file's status into a {@link StatxResult}, like {@code statx(2)} ({@code IORING_OP_STATX}, Linux 5.6;
 * {@code io_uring_prep_statx(3)}). Completes with 0, or {@code -errno} ({@code -ENOENT} for a missing path).
 *
 * <p>Asks for {@link StatxMask#BASIC_STATS} and {@link StatxMask#BTIME} unless {@link #mask(int)} says
 * otherwise. The path is copied into memory this operation owns; the result struct belongs to the caller
 * and is written when the request executes.
 */
public final class Statx implements Operation {
    private static final int DEFAULT_MASK = StatxMask.BASIC_STATS | StatxMask.BTIME;

    private final AtPath path;
    private final int requiredFlags;
    private StatxResult result;
    private int mask = DEFAULT_MASK;
    private int flags;

    /**
     * Status of {@code path}, relative to the current directory.
     *
     * @param path the file, relative to the working directory unless absolute
     * @param result where the kernel writes the status
     */
    public Statx(Path path, StatxResult result) {
        this(Fd.AT_FDCWD, path, result);
    }

    /**
     * Status of {@code path}, relative to the directory {@code dirFd} (or {@link Fd#AT_FDCWD}).
     *
     * @param dirFd the directory {@code path} is relative to
     * @param path the file, relative to {@code dirFd} unless absolute
     * @param result where the kernel writes the status
     */
    public Statx(int dirFd, Path path, StatxResult result) {
        this(new AtPath(dirFd, path, "path"), 0, result);
    }

    private Statx(AtPath path, int requiredFlags, StatxResult result) {
        this.path = path;
        this.requiredFlags = requiredFlags;
        result(result);
    }

    /**
     * {@return a request for the status of the open file {@code fd} itself (an empty path with {@link
     * AtFlags#EMPTY_PATH})}
     *
     * @param fd the open file
     * @param result where the kernel writes the status
     */
    public static Statx ofFd(int fd, StatxResult result) {
        return new Statx(new AtPath(fd, Path.of(""), "path"), AtFlags.EMPTY_PATH, result);
    }

    /**
     * Where the kernel writes the status (for reuse).
     *
     * @param result where the kernel writes the status; it must stay alive until the completion
     * @return this operation
     */
    public Statx result(StatxResult result) {
        this.result = Objects.requireNonNull(result, "result");
        return this;
    }

    /**
     * Which fields to ask for: {@link StatxMask} bits.
     *
     * @param mask {@code STATX_*} bits, e.g. {@link StatxMask#BASIC_STATS}
     * @return this operation
     */
    public Statx mask(int mask) {
        this.mask = mask;
        return this;
    }

    /**
     * {@link AtFlags}: {@code SYMLINK_NOFOLLOW}, {@code NO_AUTOMOUNT}, {@code STATX_FORCE_SYNC}/{@code DONT_SYNC}.
     *
     * @param flags {@code AT_*} bits, or 0
     * @return this operation
     */
    public Statx flags(int flags) {
        this.flags = flags;
        return this;
    }

    /** {@return where the kernel writes the status} */
    public StatxResult result() {
        return result;
    }

    @Override
    public void encode(Sqe sqe) {
        long buffer = Checks.addressOf(result.segment(), "result");
        path.encode(sqe, Opcode.STATX, mask, buffer).opFlags(requiredFlags | flags);
    }
}
