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

    /**
     * Renames {@code from} to {@code to}, both relative to the current directory.
     *
     * @param from the current name
     * @param to the new name
     */
    public RenameAt(Path from, Path to) {
        this(Fd.AT_FDCWD, from, Fd.AT_FDCWD, to);
    }

    /**
     * Renames {@code from} (relative to {@code fromDirFd}) to {@code to} (relative to {@code toDirFd}).
     *
     * @param fromDirFd the directory {@code from} is relative to, or {@link Fd#AT_FDCWD}
     * @param from the current name
     * @param toDirFd the directory {@code to} is relative to, or {@link Fd#AT_FDCWD}
     * @param to the new name
     */
    public RenameAt(int fromDirFd, Path from, int toDirFd, Path to) {
        this.from = new AtPath(fromDirFd, from, "from");
        this.to = new AtPath(toDirFd, to, "to");
    }

    /**
     * {@link RenameFlags}: {@code NOREPLACE}, {@code EXCHANGE} or {@code WHITEOUT} (0: replace the target).
     *
     * @param flags {@link RenameFlags} bits, or 0
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
