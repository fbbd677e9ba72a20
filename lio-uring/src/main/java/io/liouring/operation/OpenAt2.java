package io.liouring.operation;

import io.liouring.DirectFd;
import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;
import io.liouring.struct.OpenHow;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens a file with an {@link OpenHow}, like {@code openat2(2)} ({@code IORING_OP_OPENAT2}, Linux 5.6;
 * {@code io_uring_prep_openat2(3)}): {@code RESOLVE_*} flags restrict how the path is resolved.
 *
 * <p>Completes with the new fd, or with the slot of a direct descriptor ({@link #direct(DirectFd)}, 5.15), or
 * {@code -errno} ({@code -EXDEV} when {@code RESOLVE_BENEATH} refuses a path, {@code -EINVAL} for a direct
 * open with {@code O_CLOEXEC}). The path is copied into memory this operation owns; the kernel copies the
 * open_how at submission.
 */
public final class OpenAt2 implements Operation {
    private final AtPath path;
    private OpenHow how;
    private int fileIndex = DirectSlot.NONE;

    /**
     * Opens {@code path} relative to the current directory.
     *
     * @param path the file, relative to the working directory unless absolute
     * @param how the flags, mode and resolve restrictions; it must stay alive until the completion
     */
    public OpenAt2(Path path, OpenHow how) {
        this(Fd.AT_FDCWD, path, how);
    }

    /**
     * Opens {@code path} relative to the directory {@code dirFd} (or {@link Fd#AT_FDCWD}).
     *
     * @param dirFd the directory {@code path} is relative to
     * @param path the file, relative to {@code dirFd} unless absolute
     * @param how the flags, mode and resolve restrictions; it must stay alive until the completion
     */
    public OpenAt2(int dirFd, Path path, OpenHow how) {
        this.path = new AtPath(dirFd, path, "path");
        how(how);
    }

    /**
     * The open_how to use (for reuse).
     *
     * @param how the flags, mode and resolve restrictions
     * @return this operation
     */
    public OpenAt2 how(OpenHow how) {
        this.how = Objects.requireNonNull(how, "how");
        return this;
    }

    /**
     * Open into the direct descriptor {@code slot} (replaced if taken) instead of a normal fd.
     *
     * @param slot the slot to fill
     * @return this operation
     */
    public OpenAt2 direct(DirectFd slot) {
        this.fileIndex = DirectSlot.of(slot);
        return this;
    }

    /**
     * Open into a free registered-file slot the kernel picks; the completion's result is the slot.
     *
     * @return this operation
     */
    public OpenAt2 directAllocate() {
        this.fileIndex = DirectSlot.ALLOCATE;
        return this;
    }

    /**
     * Open a normal fd again (undo {@link #direct(DirectFd)} or {@link #directAllocate()}).
     *
     * @return this operation
     */
    public OpenAt2 normalFd() {
        this.fileIndex = DirectSlot.NONE;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        long howAddress = Checks.addressOf(how.segment(), "how");
        path.encode(sqe, Opcode.OPENAT2, (int) OpenHow.SIZE, howAddress).fileIndex(fileIndex);
    }
}
