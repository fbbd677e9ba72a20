package io.liouring.operation;

import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.FileModes;

import java.nio.file.Path;

/**
 * Creates a directory, like {@code mkdirat(2)} ({@code IORING_OP_MKDIRAT}, Linux 5.15;
 * {@code io_uring_prep_mkdirat(3)}). Completes with 0 or {@code -errno}: {@code -EEXIST} if the path exists,
 * {@code -ENOENT} if its parent does not. The mode is reduced by the process umask. The path is copied into
 * memory this operation owns.
 */
public final class MkDirAt implements Operation {
    private final AtPath path;
    private int mode;

    /**
     * Creates {@code path}, relative to the current directory, with permission bits {@code mode}.
     *
     * @param path the directory to create
     * @param mode permission bits, 0 to 07777 (the umask is applied)
     */
    public MkDirAt(Path path, int mode) {
        this(Fd.AT_FDCWD, path, mode);
    }

    /**
     * Creates {@code path}, relative to the directory {@code dirFd} (or {@link Fd#AT_FDCWD}).
     *
     * @param dirFd the directory {@code path} is relative to
     * @param path the directory to create
     * @param mode permission bits, 0 to 07777 (the umask is applied)
     */
    public MkDirAt(int dirFd, Path path, int mode) {
        this.path = new AtPath(dirFd, path, "path");
        mode(mode);
    }

    /**
     * Permission bits, between 0 and 07777.
     *
     * @param mode 0 to 07777
     * @return this operation
     */
    public MkDirAt mode(int mode) {
        this.mode = FileModes.requirePermissions(mode, "mode");
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        path.encode(sqe, Opcode.MKDIRAT, mode, 0);
    }
}
