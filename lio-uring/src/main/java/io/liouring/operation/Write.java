package io.liouring.operation;

import io.liouring.Opcode;

import java.lang.foreign.MemorySegment;

/**
 * Writes a buffer to a file descriptor at a file offset, like {@code pwrite(2)}
 * ({@code IORING_OP_WRITE}, Linux 5.6; {@code io_uring_prep_write(3)}).
 *
 * <p>Completes with the number of bytes written or {@code -errno}.
 */
public final class Write extends FileIo<Write> {
    /**
     * Writes the whole buffer at offset 0.
     *
     * @param fd the file (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param buffer native memory to write; it must stay open until the completion
     */
    public Write(int fd, MemorySegment buffer) {
        this(fd, buffer, 0);
    }

    /**
     * Writes the whole buffer at {@code offset} (-1: the file's current position, or append with O_APPEND).
     *
     * @param fd the file (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     * @param buffer native memory to write; it must stay open until the completion
     * @param offset not negative, or -1
     */
    public Write(int fd, MemorySegment buffer, long offset) {
        super(Opcode.WRITE, fd, buffer, offset);
    }

    @Override
    Write self() {
        return this;
    }
}
