package io.liouring.operation;

import io.liouring.DirectFd;
import io.liouring.Fd;
import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

import java.nio.file.Path;

/**
 * Opens a file, like {@code openat(2)} ({@code IORING_OP_OPENAT}, Linux 5.6; {@code io_uring_prep_openat(3)}).
 * Completes with the new fd, or with the slot of a direct descriptor ({@link #directAllocate()}, 5.15), or
 * {@code -errno}. The path is copied into memory this operation owns.
 */
public final class OpenAt implements Operation {
    private final AtPath path;
    private final int flags;
    private final int mode;
    private int fileIndex = DirectSlot.NONE;

    /**
     * Opens {@code path} relative to the current directory.
     *
     * @param path the file, relative to the working directory unless absolute
     * @param flags {@code OpenFlags} bits
     * @param mode permission bits for a created file
     */
    public OpenAt(Path path, int flags, int mode) {
        this(Fd.AT_FDCWD, path, flags, mode);
    }

    /**
     * Opens {@code path} relative to {@code dirFd}.
     *
     * @param dirFd directory fd the path is relative to, or {@link Fd#AT_FDCWD}
     * @param path the file, relative to {@code dirFd} unless absolute
     * @param flags {@code OpenFlags} bits
     * @param mode  permission bits for a created file
     */
    public OpenAt(int dirFd, Path path, int flags, int mode) {
        this.path = new AtPath(dirFd, path, "path");
        this.flags = flags;
        this.mode = mode;
    }

    /**
     * Open into the direct descriptor {@code slot} (5.15; replaced if taken) instead of a normal fd.
     *
     * @param slot the slot to fill
     * @return this operation
     */
    public OpenAt direct(DirectFd slot) {
        this.fileIndex = DirectSlot.of(slot);
        return this;
    }

    /**
     * Open into a free registered-file slot the kernel picks; the completion's result is the slot.
     *
     * @return this operation
     */
    public OpenAt directAllocate() {
        this.fileIndex = DirectSlot.ALLOCATE;
        return this;
    }

    /**
     * Open a normal fd again (undo {@link #direct(DirectFd)} or {@link #directAllocate()}).
     *
     * @return this operation
     */
    public OpenAt normalFd() {
        this.fileIndex = DirectSlot.NONE;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        path.encode(sqe, Opcode.OPENAT, mode, 0).opFlags(flags).fileIndex(fileIndex);
    }
}
