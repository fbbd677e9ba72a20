package io.liouring.operation;

import io.liouring.LioUring;
import io.liouring.internal.Checks;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Checks for registered-buffer requests: the index the kernel takes as 16 bits ({@code sqe.buf_index}) and,
 * when the ring is at hand, that a buffer lies inside the registered buffer it names. The kernel checks
 * the latter too (the request fails with {@code -EFAULT}); checking here fails earlier and says why.
 */
final class FixedBuffers {
    private FixedBuffers() {
    }

    static int requireIndex(int index) {
        if (index < 0 || index > 0xFFFF) {
            throw new IllegalArgumentException("bufferIndex must be between 0 and 65535: " + index);
        }
        return index;
    }

    /** {@code buffer} must lie within {@code ring.registeredBuffer(index)}. */
    static MemorySegment requireInside(LioUring ring, int index, MemorySegment buffer, String name) {
        Objects.requireNonNull(ring, "ring");
        Checks.requireNative(buffer, name);
        MemorySegment registered = ring.registeredBuffer(requireIndex(index));
        long start = registered.address();
        long end = start + registered.byteSize();
        long from = buffer.address();
        long to = from + buffer.byteSize();
        if (from < start || to > end) {
            throw new IllegalArgumentException(name + " [0x" + Long.toHexString(from) + ", 0x" + Long.toHexString(to)
                    + ") is not inside registered buffer " + index + " [0x" + Long.toHexString(start) + ", 0x"
                    + Long.toHexString(end) + "); slice the registered buffer (ring.registeredBuffer(" + index
                    + ").asSlice(...))");
        }
        return buffer;
    }
}
