package io.liouring.operation;

import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

import java.nio.file.Path;

/**
 * Renames or moves a file or directory, like {@code renameat2(2)} ({@code IORING_OP_RENAMEAT}, Linux 5.11;
 * {@code io_uring_prep_renameat(3)}). Completes with 0 or {@code -errno}: {@code -ENOENT} for a missing
 * source, {@code -EEXIST} when {@link RenameFlags#NOREPLACE} meets an existing target. Both paths are copied
 * into memory this operation owns.
 */
public final class RenameAt implements Operation {
    private final AtPath from;
    private final AtPath to;
    private int flags;

    /** Renames {@code from} to {@code to}, both relative to the current directory. */
    public RenameAt(Path from, Path to) {
        this(Fd.AT_FDCWD, from, Fd.AT_FDCWD, to);
    }

    /** Renames {@code from} (relative to {@code fromDirFd}) to {@code to} (relative to {@code toDirFd}). */
    public RenameAt(int fromDirFd, Path from, int toDirFd, Path to) {
        this.from = new AtPath(fromDirFd, from, "from");
        this.to = new AtPath(toDirFd, to, "to");
    }

    /**
     * {@link RenameFlags}: {@code NOREPLACE}, {@code EXCHANGE} or {@code WHITEOUT} (0: replace the target).
     *
     * @return this operation
     */
    public RenameAt flags(int flags) {
        this.flags = flags;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        AtPath.encodePair(sqe, Opcode.RENAMEAT, from, to, flags);
    }
}
