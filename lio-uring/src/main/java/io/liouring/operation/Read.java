package io.liouring.operation;

import io.liouring.Opcode;

import java.lang.foreign.MemorySegment;

/**
 * Reads from a file descriptor into a buffer at a file offset, like {@code pread(2)}
 * ({@code IORING_OP_READ}, Linux 5.6; {@code io_uring_prep_read(3)}).
 *
 * <p>Completes with the number of bytes read (0 at end of file) or {@code -errno}. To let the kernel pick
 * the buffer from a provided-buffer group, use {@link ReadSelect}.
 */
public final class Read extends FileIo<Read> {
    /**
     * Reads into the whole buffer from offset 0.
     *
     * @param fd the file (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param buffer native memory to read into; it must stay open until the completion
     */
    public Read(int fd, MemorySegment buffer) {
        this(fd, buffer, 0);
    }

    /**
     * Reads into the whole buffer from {@code offset} (-1: the file's current position).
     *
     * @param fd the file (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param buffer native memory to read into; it must stay open until the completion
     * @param offset not negative, or -1
     */
    public Read(int fd, MemorySegment buffer, long offset) {
        super(Opcode.READ, fd, buffer, offset);
    }

    @Override
    Read self() {
        return this;
    }
}
