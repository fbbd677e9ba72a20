package io.liouring.operation;

import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Creates a symbolic link, like {@code symlinkat(2)} ({@code IORING_OP_SYMLINKAT}, Linux 5.15;
 * {@code io_uring_prep_symlinkat(3)}). Completes with 0 or {@code -errno} ({@code -EEXIST} if the link's
 * name is taken). The target is stored as given and not checked; a relative target is resolved later,
 * from the link's directory. Both paths are copied into memory this operation owns.
 */
public final class SymlinkAt implements Operation {
    private final MemorySegment target;
    private final AtPath link;

    /**
     * Creates {@code link} (relative to the current directory) pointing to {@code target}.
     *
     * @param target what the link points to, stored as it is (it need not exist)
     * @param link the link to create
     */
    public SymlinkAt(Path target, Path link) {
        this(target, Fd.AT_FDCWD, link);
    }

    /**
     * Creates {@code link} (relative to the directory {@code linkDirFd}) pointing to {@code target}.
     *
     * @param target what the link points to, stored as it is (it need not exist)
     * @param linkDirFd the directory {@code link} is relative to, or {@link Fd#AT_FDCWD}
     * @param link the link to create
     */
    public SymlinkAt(Path target, int linkDirFd, Path link) {
        this.target = AtPath.copy(target, "target");
        this.link = new AtPath(linkDirFd, link, "link");
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(Opcode.SYMLINKAT, link.dirFd(), target.address(), 0, link.address());
    }
}
