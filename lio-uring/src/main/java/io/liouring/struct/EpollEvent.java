package io.liouring.struct;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * A native array of {@code struct epoll_event} ({@code epoll_ctl(2)}, {@code epoll_wait(2)}): a 32-bit event
 * mask and 64 bits of caller data per entry. The struct is packed on x86-64 (12 bytes) and naturally aligned
 * elsewhere (16 bytes); {@link #SIZE} is this machine's.
 */
public final class EpollEvent {
    private static final boolean PACKED = "amd64".equals(System.getProperty("os.arch"))
            || "x86_64".equals(System.getProperty("os.arch"));
    /** {@code sizeof(struct epoll_event)} on this machine. */
    public static final long SIZE = PACKED ? 12 : 16;
    private static final long DATA = PACKED ? 4 : 8;

    private final MemorySegment segment;
    private final int capacity;

    private EpollEvent(MemorySegment segment, int capacity) {
        this.segment = segment;
        this.capacity = capacity;
    }

    /**
     * {@code capacity} zeroed entries allocated in {@code arena}.
     *
     * @param arena where the array lives; it must stay open while the kernel may write into it
     * @param capacity number of {@code struct epoll_event} entries, at least 1
     * @return the array
     */
    public static EpollEvent allocate(Arena arena, int capacity) {
        Objects.requireNonNull(arena, "arena");
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        return new EpollEvent(arena.allocate(SIZE * capacity, 8), capacity);
    }

    /**
     * {@code capacity} zeroed entries in an automatic (garbage-collected) arena.
     *
     * @param capacity number of {@code struct epoll_event} entries, at least 1
     * @return the array
     */
    public static EpollEvent allocate(int capacity) {
        return allocate(Arena.ofAuto(), capacity);
    }

    /** {@return the number of entries} */
    public int capacity() {
        return capacity;
    }

    /**
     * {@return the event mask of entry {@code index} ({@code PollEvents} bits)}
     *
     * @param index entry from 0 to {@code capacity() - 1}
     */
    public int events(int index) {
        return segment.get(JAVA_INT_UNALIGNED, offset(index));
    }

    /**
     * {@return the caller data of entry {@code index} ({@code epoll_data_t} as a 64-bit value)}
     *
     * @param index entry from 0 to {@code capacity() - 1}
     */
    public long data(int index) {
        return segment.get(JAVA_LONG_UNALIGNED, offset(index) + DATA);
    }

    /**
     * Sets entry {@code index}.
     *
     * @param index entry from 0 to {@code capacity() - 1}
     * @param events the {@code PollEvents} bits to watch or that were reported
     * @param data the caller's 64-bit value, returned unchanged with the event
     * @return this array
     */
    public EpollEvent set(int index, int events, long data) {
        long at = offset(index);
        segment.set(JAVA_INT_UNALIGNED, at, events);
        segment.set(JAVA_LONG_UNALIGNED, at + DATA, data);
        return this;
    }

    private long offset(int index) {
        Objects.checkIndex(index, capacity);
        return SIZE * index;
    }

    /** {@return the native array, for the kernel} */
    public MemorySegment segment() {
        return segment;
    }
}
