package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;

import java.lang.foreign.MemorySegment;

/** What read- and write-like requests on one buffer share: fd, buffer, length, file offset and RWF_* flags. */
abstract class FileIo<T extends FileIo<T>> implements Operation {
    private final Opcode opcode;
    private int fd;
    private MemorySegment buffer;
    private int length;
    private long offset;
    private int rwFlags;

    FileIo(Opcode opcode, int fd, MemorySegment buffer, long offset) {
        this.opcode = opcode;
        this.fd = fd;
        buffer(buffer);
        offset(offset);
    }

    abstract T self();

    /** The file descriptor (or registered-file index, pushed with {@code SqeFlags.FIXED_FILE}). */
    public T fd(int fd) {
        this.fd = fd;
        return self();
    }

    /** The buffer; the length becomes the whole buffer. Must be native memory. */
    public T buffer(MemorySegment buffer) {
        this.buffer = Checks.requireNative(buffer, "buffer");
        this.length = Checks.requireLength(buffer, "buffer");
        return self();
    }

    /** Transfer only the first {@code length} bytes of the buffer. */
    public T length(long length) {
        this.length = Checks.requireLength(length, buffer, "length");
        return self();
    }

    /** File offset; -1 means the file's current position (FEAT_RW_CUR_POS, 5.6). Ignored by pipes and sockets. */
    public T offset(long offset) {
        this.offset = Checks.requireOffset(offset, "offset");
        return self();
    }

    /** {@link RwFlags} for this request. */
    public T rwFlags(int rwFlags) {
        this.rwFlags = rwFlags;
        return self();
    }

    public int fd() {
        return fd;
    }

    public MemorySegment buffer() {
        return buffer;
    }

    public int length() {
        return length;
    }

    public long offset() {
        return offset;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(opcode, fd, Checks.addressOf(buffer, "buffer"), length, offset).opFlags(rwFlags);
        encodeExtra(sqe);
    }

    /** Fields beyond the common ones (a registered buffer index, say). */
    void encodeExtra(Sqe sqe) {
    }
}
