package io.liouring.operation;

import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

import java.nio.file.Path;

/**
 * Removes a directory entry, like {@code unlinkat(2)} ({@code IORING_OP_UNLINKAT}, Linux 5.11;
 * {@code io_uring_prep_unlinkat(3)}): a file, or with {@link AtFlags#REMOVEDIR} an empty directory.
 * Completes with 0 or {@code -errno}: {@code -ENOENT} for a missing path, {@code -EISDIR} for a directory
 * without REMOVEDIR, {@code -ENOTEMPTY} for a directory with entries. The path is copied into memory this
 * operation owns.
 */
public final class UnlinkAt implements Operation {
    private final AtPath path;
    private int flags;

    /**
     * Removes {@code path}, relative to the current directory.
     *
     * @param path the file or directory, relative to the working directory unless absolute
     */
    public UnlinkAt(Path path) {
        this(Fd.AT_FDCWD, path);
    }

    /**
     * Removes {@code path}, relative to the directory {@code dirFd} (or {@link Fd#AT_FDCWD}).
     *
     * @param dirFd the directory {@code path} is relative to
     * @param path the file or directory, relative to {@code dirFd} unless absolute
     */
    public UnlinkAt(int dirFd, Path path) {
        this.path = new AtPath(dirFd, path, "path");
    }

    /**
     * {@link AtFlags#REMOVEDIR} to remove a directory, 0 for anything else; the kernel refuses other bits.
     *
     * @param flags {@link AtFlags#REMOVEDIR} or 0
     * @return this operation
     */
    public UnlinkAt flags(int flags) {
        this.flags = flags;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        path.encode(sqe, Opcode.UNLINKAT, 0, 0).opFlags(flags);
    }
}
