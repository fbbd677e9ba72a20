package io.liouring.struct;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Room for a socket address the kernel writes ({@code struct sockaddr_storage}, 128 bytes, which fits every
 * family) together with its in/out length ({@code socklen_t}): the {@code addr}/{@code addrlen} pair of
 * {@code accept(2)} and {@code getsockname(2)}.
 *
 * <p>Reusable: operations that fill it call {@link #reset()} each time they are pushed. Read it only after
 * the request has completed.
 */
public final class SockAddrStorage {
    /** {@code sizeof(struct sockaddr_storage)}. */
    public static final int SIZE = 128;

    private final MemorySegment storage;
    private final MemorySegment length;

    /** Storage in an automatic (garbage-collected) arena. */
    public SockAddrStorage() {
        this(Arena.ofAuto());
    }

    /**
     * Storage in {@code arena}, its length field set to {@link #SIZE}.
     *
     * @param arena where the storage lives; it must stay open until the request that fills it has completed
     */
    public SockAddrStorage(Arena arena) {
        Objects.requireNonNull(arena, "arena");
        MemorySegment memory = arena.allocate(SIZE + 8, 8);
        this.storage = memory.asSlice(0, SIZE);
        this.length = memory.asSlice(SIZE, 4);
        reset();
    }

    /** {@return the address area, for the kernel} */
    public MemorySegment segment() {
        return storage;
    }

    /** {@return the {@code socklen_t} the kernel reads as the room and overwrites with the address's real length} */
    public MemorySegment lengthSegment() {
        return length;
    }

    /**
     * Sets the length back to the full room, before the storage is handed to the kernel again.
     *
     * @return this storage
     */
    public SockAddrStorage reset() {
        length.set(JAVA_INT, 0, SIZE);
        return this;
    }

    /** {@return the length the kernel reported (or {@link #SIZE} if nothing was written yet)} */
    public int length() {
        return length.get(JAVA_INT, 0);
    }

    /**
     * {@return the address the kernel wrote, as a copy}
     *
     * @throws IllegalStateException if the kernel reported no address (length below 2, or {@code AF_UNSPEC})
     */
    public SockAddr address() {
        int n = length();
        return SockAddrs.reported(storage, Math.min(n, SIZE))
                .orElseThrow(() -> new IllegalStateException("no address was written (length " + n + ", AF_UNSPEC)"));
    }
}
