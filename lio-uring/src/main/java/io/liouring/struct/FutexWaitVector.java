package io.liouring.struct;

import io.liouring.internal.Checks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A native array of {@code struct futex_waitv} ({@code futex_waitv(2)}, 24 bytes each: expected value, futex
 * address, {@code FUTEX2_*} flags, reserved), for the {@code FutexWaitV} operation. Keeps the futex words it
 * names reachable for as long as it is.
 */
public final class FutexWaitVector {
    /** {@code sizeof(struct futex_waitv)}. */
    public static final long SIZE = 24;
    /** {@code FUTEX_WAITV_MAX}: the most futexes one wait may name. */
    public static final int MAX = 128;
    private static final long VAL = 0;
    private static final long UADDR = 8;
    private static final long FLAGS = 16;

    private final MemorySegment segment;
    private final MemorySegment[] futexes;

    private FutexWaitVector(MemorySegment segment, int count) {
        this.segment = segment;
        this.futexes = new MemorySegment[count];
    }

    /**
     * {@code count} entries allocated in {@code arena}; set each with {@link #set} before use.
     *
     * @param arena where the vector lives; it must stay open until the wait has completed
     * @param count number of futexes, from 1 to 128 ({@code FUTEX_WAITV_MAX})
     * @return the vector
     */
    public static FutexWaitVector allocate(Arena arena, int count) {
        Objects.requireNonNull(arena, "arena");
        if (count <= 0 || count > MAX) {
            throw new IllegalArgumentException("count must be between 1 and " + MAX + ": " + count);
        }
        return new FutexWaitVector(arena.allocate(SIZE * count, 8), count);
    }

    /**
     * {@code count} entries in an automatic (garbage-collected) arena.
     *
     * @param count number of futexes, from 1 to 128 ({@code FUTEX_WAITV_MAX})
     * @return the vector
     */
    public static FutexWaitVector allocate(int count) {
        return allocate(Arena.ofAuto(), count);
    }

    /**
     * Sets entry {@code index}: wait on the 32-bit futex word at the start of {@code futex} while it holds
     * {@code expected}.
     *
     * @param index entry from 0 to {@code count() - 1}
     * @param futex native, 4-byte aligned memory whose first 4 bytes are the futex word; kept reachable by this vector
     * @param expected the value the word must hold for the wait to start (otherwise the wait fails with EAGAIN)
     * @param flags {@code Futex2Flags} bits; the size must be {@code SIZE_U32}, the only one futex_waitv supports
     * @return this vector
     */
    public FutexWaitVector set(int index, MemorySegment futex, long expected, int flags) {
        Objects.checkIndex(index, futexes.length);
        Checks.requireNative(futex, "futex");
        if (futex.byteSize() < 4 || futex.address() % 4 != 0) {
            throw new IllegalArgumentException("futex must be a 4-byte aligned segment of at least 4 bytes: " + futex);
        }
        long at = SIZE * index;
        segment.set(JAVA_LONG, at + VAL, expected);
        segment.set(JAVA_LONG, at + UADDR, futex.address());
        segment.set(JAVA_INT, at + FLAGS, flags);
        segment.set(JAVA_INT, at + FLAGS + 4, 0);
        futexes[index] = futex;
        return this;
    }

    /** {@return the number of entries} */
    public int count() {
        return futexes.length;
    }

    /**
     * {@return the native array, for the kernel}
     *
     * @throws IllegalStateException if an entry was never {@link #set}
     */
    public MemorySegment segment() {
        for (int i = 0; i < futexes.length; i++) {
            if (futexes[i] == null) {
                throw new IllegalStateException("entry " + i + " of the futex wait vector was never set");
            }
            Checks.addressOf(futexes[i], "futexes[" + i + "]");
        }
        return segment;
    }
}
