package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.internal.Checks;

import java.lang.foreign.MemorySegment;

/** What read- and write-like requests on one buffer share: {@link PositionedIo} plus the buffer and its length. */
abstract class FileIo<T extends FileIo<T>> extends PositionedIo<T> {
    private MemorySegment buffer;
    private int length;

    FileIo(Opcode opcode, int fd, MemorySegment buffer, long offset) {
        super(opcode, fd, offset);
        buffer(buffer);
    }

    /**
     * The buffer; the length becomes the whole buffer. Must be native memory.
     *
     * @param buffer native memory, at most {@code Integer.MAX_VALUE} bytes; it must stay open until the completion
     * @return this operation
     */
    public T buffer(MemorySegment buffer) {
        this.buffer = Checks.requireNative(buffer, "buffer");
        this.length = Checks.requireLength(buffer, "buffer");
        return self();
    }

    /**
     * Transfer only the first {@code length} bytes of the buffer.
     *
     * @param length 0 to the buffer's size
     * @return this operation
     */
    public T length(long length) {
        this.length = Checks.requireLength(length, buffer, "length");
        return self();
    }

    /** {@return the buffer} */
    public MemorySegment buffer() {
        return buffer;
    }

    /** {@return the bytes to transfer} */
    public int length() {
        return length;
    }

    @Override
    final long dataAddress() {
        return Checks.addressOf(buffer, "buffer");
    }

    @Override
    final int dataLength() {
        return length;
    }
}
