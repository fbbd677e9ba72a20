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
    /** Writes the whole buffer at offset 0. */
    public Write(int fd, MemorySegment buffer) {
        this(fd, buffer, 0);
    }

    /** Writes the whole buffer at {@code offset} (-1: the file's current position, or append with O_APPEND). */
    public Write(int fd, MemorySegment buffer, long offset) {
        super(Opcode.WRITE, fd, buffer, offset);
    }

    @Override
    Write self() {
        return this;
    }
}
