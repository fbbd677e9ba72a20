package io.liouring.testing;

import io.liouring.Opcode;
import io.liouring.Operation;

import java.lang.foreign.MemorySegment;

/**
 * Test support: READ_FIXED and WRITE_FIXED requests encoded straight from the ABI (fd, addr, len, off,
 * buf_index), so that the registered-buffer tests can prove the kernel uses a slot without depending on the
 * operation classes of another part of the library.
 */
public final class FixedIo {
    private FixedIo() {
    }

    /** Reads into {@code buffer}, which must lie inside registered buffer {@code bufIndex}. */
    public static Operation readFixed(int fd, MemorySegment buffer, int bufIndex, long offset) {
        return sqe -> sqe.prepRw(Opcode.READ_FIXED, fd, buffer.address(), (int) buffer.byteSize(), offset)
                .bufIndex(bufIndex);
    }

    /** Writes {@code buffer}, which must lie inside registered buffer {@code bufIndex}. */
    public static Operation writeFixed(int fd, MemorySegment buffer, int bufIndex, long offset) {
        return sqe -> sqe.prepRw(Opcode.WRITE_FIXED, fd, buffer.address(), (int) buffer.byteSize(), offset)
                .bufIndex(bufIndex);
    }
}
