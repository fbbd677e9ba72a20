package io.liouring.operation;

import io.liouring.DirectFd;
import io.liouring.Opcode;
import io.liouring.OpenFlags;
import io.liouring.Operation;
import io.liouring.Sqe;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Creates a pipe, like {@code pipe2(2)} ({@code IORING_OP_PIPE}, Linux 6.16; {@code io_uring_prep_pipe(3)}),
 * or a pair of direct descriptors ({@link #direct(DirectFd)}, {@link #directAllocate()};
 * {@code io_uring_prep_pipe_direct(3)}).
 *
 * <p>Completes with 0 or {@code -errno}. After a successful completion, {@link #readFd()} and
 * {@link #writeFd()} are the two ends: normal fds, or, in the direct form, registered-file slots. The
 * {@code int[2]} the kernel fills belongs to this operation; push it again only after its completion.
 */
public final class Pipe implements Operation {
    private static final int ALLOWED_FLAGS = OpenFlags.O_CLOEXEC | OpenFlags.O_NONBLOCK | OpenFlags.O_DIRECT;

    private final MemorySegment fds = Arena.ofAuto().allocate(JAVA_INT, 2);
    private int flags;
    private int fileIndex = DirectSlot.NONE;

    /** A pipe with no flags. */
    public Pipe() {
        fds.set(JAVA_INT, 0, -1);
        fds.set(JAVA_INT, 4, -1);
    }

    /**
     * {@code pipe2(2)} flags: {@link OpenFlags#O_CLOEXEC}, {@link OpenFlags#O_NONBLOCK},
     * {@link OpenFlags#O_DIRECT} (packet mode). Direct descriptors have no close-on-exec flag, so the
     * direct form refuses {@code O_CLOEXEC}.
     *
     * @param flags {@code O_CLOEXEC}, {@code O_NONBLOCK} and/or {@code O_DIRECT}, or 0
     * @return this operation
     */
    public Pipe flags(int flags) {
        if ((flags & ~ALLOWED_FLAGS) != 0) {
            throw new IllegalArgumentException("flags must be O_CLOEXEC, O_NONBLOCK or O_DIRECT bits: 0"
                    + Integer.toOctalString(flags));
        }
        requireNoCloexecWhenDirect(flags, fileIndex);
        this.flags = flags;
        return this;
    }

    /**
     * Create the read end as the direct descriptor {@code readEnd} and the write end in the slot after it; both
     * slots must be free.
     *
     * @param readEnd the slot of the read end
     * @return this operation
     */
    public Pipe direct(DirectFd readEnd) {
        int index = DirectSlot.of(readEnd);
        if (index == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the slot after readEnd must be a valid slot too: " + readEnd);
        }
        requireNoCloexecWhenDirect(flags, index);
        this.fileIndex = index;
        return this;
    }

    /**
     * Create both ends in free registered-file slots the kernel picks.
     *
     * @return this operation
     */
    public Pipe directAllocate() {
        requireNoCloexecWhenDirect(flags, DirectSlot.ALLOCATE);
        this.fileIndex = DirectSlot.ALLOCATE;
        return this;
    }

    /**
     * Create normal fds again (undo {@link #direct(DirectFd)} or {@link #directAllocate()}).
     *
     * @return this operation
     */
    public Pipe normalFd() {
        this.fileIndex = DirectSlot.NONE;
        return this;
    }

    private static void requireNoCloexecWhenDirect(int flags, int fileIndex) {
        if (fileIndex != DirectSlot.NONE && (flags & OpenFlags.O_CLOEXEC) != 0) {
            throw new IllegalArgumentException("a direct-descriptor pipe cannot be O_CLOEXEC (the kernel refuses it"
                    + " with EINVAL): drop the flag, or create normal fds");
        }
    }

    /** {@return the read end after a successful completion (a slot in the direct form); -1 before} */
    public int readFd() {
        return fds.get(JAVA_INT, 0);
    }

    /** {@return the write end after a successful completion (a slot in the direct form); -1 before} */
    public int writeFd() {
        return fds.get(JAVA_INT, 4);
    }

    @Override
    public void encode(Sqe sqe) {
        fds.set(JAVA_INT, 0, -1);
        fds.set(JAVA_INT, 4, -1);
        sqe.prepRw(Opcode.PIPE, 0, fds.address(), 0, 0).opFlags(flags).fileIndex(fileIndex);
    }
}
