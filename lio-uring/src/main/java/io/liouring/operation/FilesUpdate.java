package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Replaces slots of the registered file table as a request, the asynchronous form of
 * {@code LioUring.updateFiles} ({@code IORING_OP_FILES_UPDATE}, Linux 5.6; {@code io_uring_prep_files_update(3)}).
 *
 * <p>Slot {@code offset + i} takes {@code fds[i]}; {@link #REMOVE} empties a slot and {@link #SKIP} leaves it
 * as it is. The {@link #allocate} form (5.19) instead puts each fd into a free slot the kernel picks and
 * writes the chosen slots back: {@link #slots()}. The table must be registered first. Completes with the
 * number of slots updated or {@code -errno}. The fd array is copied into memory this operation owns.
 */
public final class FilesUpdate implements Operation {
    /** An fd value that empties its slot. */
    public static final int REMOVE = -1;
    /** {@code IORING_REGISTER_FILES_SKIP}: an fd value that leaves its slot unchanged. */
    public static final int SKIP = -2;
    private static final long ALLOCATE = 0xFFFF_FFFFL;

    private final MemorySegment fds;
    private final int count;
    private long offset;

    private FilesUpdate(long offset, int[] fds) {
        Objects.requireNonNull(fds, "fds");
        if (fds.length == 0) {
            throw new IllegalArgumentException("fds must not be empty");
        }
        this.fds = Arena.ofAuto().allocateFrom(JAVA_INT, fds);
        this.count = fds.length;
        this.offset = offset;
    }

    /**
     * Puts {@code fds[i]} into slot {@code offset + i}.
     *
     * @param offset the first slot, not negative
     * @param fds the descriptors; {@code -1} empties a slot
     */
    public FilesUpdate(int offset, int... fds) {
        this((long) Checks.requireNonNegative(offset, "offset"), fds);
    }

    /**
     * Puts each fd into a free slot the kernel picks ({@code IORING_FILE_INDEX_ALLOC}); after completion,
     * {@link #slots()} holds the slot chosen for each fd, in order. Fails with {@code -ENFILE} when no slot is free.
     *
     * @param fds the descriptors to install
     * @return the update request; it completes with the number of descriptors installed
     */
    public static FilesUpdate allocate(int... fds) {
        return new FilesUpdate(ALLOCATE, fds);
    }

    /**
     * Change the first slot to update (for reuse; not for the allocate form).
     *
     * @param offset the first slot, not negative
     * @return this operation
     */
    public FilesUpdate offset(int offset) {
        if (this.offset == ALLOCATE) {
            throw new IllegalStateException("an allocate-form update has no offset: the kernel picks the slots");
        }
        this.offset = Checks.requireNonNegative(offset, "offset");
        return this;
    }

    /**
     * Change entry {@code i} of the fd array (for reuse).
     *
     * @param i the entry, 0 to the array's length - 1
     * @param fd the descriptor, or {@code -1} to empty the slot
     * @return this operation
     */
    public FilesUpdate fd(int i, int fd) {
        Objects.checkIndex(i, count);
        fds.setAtIndex(JAVA_INT, i, fd);
        return this;
    }

    /** {@return whether this is the {@link #allocate} form} */
    public boolean allocates() {
        return offset == ALLOCATE;
    }

    /**
     * {@return the array as the kernel left it: for the {@link #allocate} form after completion, the slot each fd went
     * to (entries past the completion's count were not installed); otherwise the fds as given}
     */
    public int[] slots() {
        return fds.toArray(JAVA_INT);
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(Opcode.FILES_UPDATE, -1, fds.address(), count, offset);
    }
}
