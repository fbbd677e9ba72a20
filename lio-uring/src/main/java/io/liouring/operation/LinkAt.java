package io.liouring.operation;

import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

import java.nio.file.Path;

/**
 * Creates a hard link, like {@code linkat(2)} ({@code IORING_OP_LINKAT}, Linux 5.15;
 * {@code io_uring_prep_linkat(3)}). Completes with 0 or {@code -errno}: {@code -ENOENT} for a missing
 * existing file, {@code -EEXIST} if the new name is taken. A symbolic link is linked as itself unless
 * {@link AtFlags#SYMLINK_FOLLOW} is given. Both paths are copied into memory this operation owns.
 */
public final class LinkAt implements Operation {
    private final AtPath existing;
    private final AtPath link;
    private int flags;

    /**
     * Makes {@code link} another name of {@code existing}, both relative to the current directory.
     *
     * @param existing the file to link to
     * @param link the new name
     */
    public LinkAt(Path existing, Path link) {
        this(Fd.AT_FDCWD, existing, Fd.AT_FDCWD, link);
    }

    /**
     * Links {@code existing} (relative to {@code existingDirFd}) as {@code link} (relative to {@code linkDirFd}).
     *
     * @param existingDirFd the directory {@code existing} is relative to, or {@link Fd#AT_FDCWD}
     * @param existing the file to link to
     * @param linkDirFd the directory {@code link} is relative to, or {@link Fd#AT_FDCWD}
     * @param link the new name
     */
    public LinkAt(int existingDirFd, Path existing, int linkDirFd, Path link) {
        this.existing = new AtPath(existingDirFd, existing, "existing");
        this.link = new AtPath(linkDirFd, link, "link");
    }

    /**
     * {@link AtFlags}: {@code SYMLINK_FOLLOW}, {@code EMPTY_PATH}.
     *
     * @param flags {@link AtFlags} bits, or 0
     * @return this operation
     */
    public LinkAt flags(int flags) {
        this.flags = flags;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        AtPath.encodePair(sqe, Opcode.LINKAT, existing, link, flags);
    }
}
