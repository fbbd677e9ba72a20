package io.liouring.operation;

import io.liouring.DirectFd;
import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.SqeFlags;

import java.util.Objects;

/**
 * Installs a direct descriptor (a registered-file slot) as a normal file descriptor of the process,
 * like {@code dup(2)} of the slot ({@code IORING_OP_FIXED_FD_INSTALL}, Linux 6.8;
 * {@code io_uring_prep_fixed_fd_install(3)}). The slot keeps its file too.
 *
 * <p>The kernel requires {@code IOSQE_FIXED_FILE}; this operation sets it itself. The new fd is
 * close-on-exec unless {@link #noCloexec()}. Completes with the new fd or {@code -errno}
 * ({@code -EBADF} for an empty slot).
 */
public final class FixedFdInstall implements Operation {
    private static final int NO_CLOEXEC = 1;

    private int slot;
    private int flags;

    /**
     * Installs the direct descriptor {@code direct}.
     *
     * @param direct the direct descriptor to install
     */
    public FixedFdInstall(DirectFd direct) {
        fd(direct);
    }

    /**
     * Install the direct descriptor {@code direct} next time (for reuse).
     *
     * @param direct the direct descriptor to install
     * @return this operation
     */
    public FixedFdInstall fd(DirectFd direct) {
        this.slot = Objects.requireNonNull(direct, "direct").slot();
        return this;
    }

    /**
     * Leave the new fd open across {@code execve(2)} ({@code IORING_FIXED_FD_NO_CLOEXEC}).
     *
     * @return this operation
     */
    public FixedFdInstall noCloexec() {
        this.flags = NO_CLOEXEC;
        return this;
    }

    /**
     * Make the new fd close-on-exec again (the default).
     *
     * @return this operation
     */
    public FixedFdInstall cloexec() {
        this.flags = 0;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.opcode(Opcode.FIXED_FD_INSTALL).fd(slot).opFlags(flags).addFlags(SqeFlags.FIXED_FILE);
    }
}
