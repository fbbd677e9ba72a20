package io.liouring.struct;

import io.liouring.internal.Checks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A native {@code struct iovec[]} over native buffers, for vectored reads and writes ({@code readv(2)}).
 * Immutable once built; keeps its buffers reachable for as long as it is.
 */
public final class IoVecArray {
    /** {@code IOV_MAX}: the most vectors one request may carry. */
    public static final int IOV_MAX = 1024;
    private static final long IOVEC_SIZE = 16;

    private final MemorySegment array;
    private final List<MemorySegment> buffers;
    private final long totalBytes;

    private IoVecArray(MemorySegment array, List<MemorySegment> buffers, long totalBytes) {
        this.array = array;
        this.buffers = buffers;
        this.totalBytes = totalBytes;
    }

    /**
     * {@return an iovec array for {@code buffers}, allocated in {@code arena}}
     *
     * @param arena where the array lives; it must stay open until the request has completed
     * @param buffers native segments, 1 to 1024 ({@code IOV_MAX}); each becomes one {@code struct iovec}
     */
    public static IoVecArray of(Arena arena, MemorySegment... buffers) {
        Objects.requireNonNull(arena, "arena");
        Objects.requireNonNull(buffers, "buffers");
        if (buffers.length == 0 || buffers.length > IOV_MAX) {
            throw new IllegalArgumentException("buffers must hold between 1 and " + IOV_MAX + " segments: " + buffers.length);
        }
        MemorySegment array = arena.allocate(IOVEC_SIZE * buffers.length, 8);
        long total = 0;
        for (int i = 0; i < buffers.length; i++) {
            MemorySegment b = Checks.requireNative(buffers[i], "buffers[" + i + "]");
            array.set(JAVA_LONG, IOVEC_SIZE * i, b.address());
            array.set(JAVA_LONG, IOVEC_SIZE * i + 8, b.byteSize());
            total += b.byteSize();
        }
        return new IoVecArray(array, List.of(buffers), total);
    }

    /**
     * {@return an iovec array allocated in an automatic (garbage-collected) arena}
     *
     * @param buffers native segments, 1 to 1024 ({@code IOV_MAX}); each becomes one {@code struct iovec}
     */
    public static IoVecArray of(MemorySegment... buffers) {
        return of(Arena.ofAuto(), buffers);
    }

    /** {@return the native array, for the kernel} */
    public MemorySegment segment() {
        return array;
    }

    /** {@return the number of vectors} */
    public int count() {
        return buffers.size();
    }

    /** {@return the buffers, in order} */
    public List<MemorySegment> buffers() {
        return buffers;
    }

    /** {@return the sum of the buffers' sizes} */
    public long totalBytes() {
        return totalBytes;
    }
}
