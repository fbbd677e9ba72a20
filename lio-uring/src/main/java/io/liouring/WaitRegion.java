package io.liouring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Wait arguments registered with a ring ({@code IORING_REGISTER_MEM_REGION} with
 * {@code IORING_MEM_REGION_REG_WAIT_ARG}, Linux 6.13; {@code io_uring_register_region(3)}): an array of
 * {@code struct io_uring_reg_wait} in memory the kernel shares with the ring, so that a wait names a slot
 * ({@link LioUring#submitAndWait(int, WaitRegion, int)}, {@code IORING_ENTER_EXT_ARG_REG}) instead of having the
 * kernel copy its arguments in on every call. Made by {@link LioUring#registerWaitRegion(int)}; its memory lives as
 * long as the ring.
 *
 * <p>Like the ring, single-threaded: set a slot on the thread that waits with it, not while a wait uses it.
 */
public final class WaitRegion {
    /** {@code sizeof(struct io_uring_reg_wait)}. */
    static final int SLOT_SIZE = 64;
    /** The most slots a region offers (one MiB of wait arguments). */
    public static final int MAX_SLOTS = 16384;
    /** {@code IORING_MEM_REGION_TYPE_USER}: the region is memory the caller provides. */
    static final int TYPE_USER = 1;
    /** {@code IORING_MEM_REGION_REG_WAIT_ARG}: the region holds wait arguments. */
    static final int REG_WAIT_ARG = 1;
    /** {@code IORING_REG_WAIT_TS}: the slot's timeout applies. */
    private static final int REG_WAIT_TS = 1;
    /** The region is whole pages at a page boundary; 64 KiB covers every page size Linux uses on x86_64 and arm64. */
    private static final long PAGE_GRANULE = 65536;

    private static final long TS_SEC = 0;
    private static final long TS_NSEC = 8;
    private static final long MIN_WAIT_USEC = 16;
    private static final long FLAGS = 20;

    private final MemorySegment memory;
    private final int slots;

    private WaitRegion(MemorySegment memory, int slots) {
        this.memory = memory;
        this.slots = slots;
    }

    static WaitRegion allocate(Arena arena, int slots) {
        long bytes = (long) slots * SLOT_SIZE;
        long size = (bytes + PAGE_GRANULE - 1) / PAGE_GRANULE * PAGE_GRANULE;
        return new WaitRegion(arena.allocate(size, PAGE_GRANULE), slots);
    }

    MemorySegment memory() {
        return memory;
    }

    /** The byte offset of a slot: what {@code IORING_ENTER_EXT_ARG_REG} passes as the wait argument. */
    long offsetOf(int slot) {
        Objects.checkIndex(slot, slots);
        return (long) slot * SLOT_SIZE;
    }

    /**
     * How many wait arguments the region holds.
     *
     * @return the number of slots
     */
    public int slots() {
        return slots;
    }

    /**
     * Sets the timeout of a slot: a wait with it ends after {@code timeout} with no completion ready.
     *
     * @param slot    the slot, from 0
     * @param timeout how long a wait with this slot lasts at most (nanosecond precision)
     * @return this region
     */
    public WaitRegion timeout(int slot, Duration timeout) {
        long at = offsetOf(slot);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        memory.set(JAVA_LONG, at + TS_SEC, timeout.getSeconds());
        memory.set(JAVA_LONG, at + TS_NSEC, timeout.getNano());
        memory.set(JAVA_INT, at + FLAGS, memory.get(JAVA_INT, at + FLAGS) | REG_WAIT_TS);
        return this;
    }

    /**
     * Removes the timeout of a slot: a wait with it lasts until its completions are ready.
     *
     * @param slot the slot, from 0
     * @return this region
     */
    public WaitRegion noTimeout(int slot) {
        long at = offsetOf(slot);
        memory.set(JAVA_INT, at + FLAGS, memory.get(JAVA_INT, at + FLAGS) & ~REG_WAIT_TS);
        return this;
    }

    /**
     * Sets the minimum wait of a slot, as {@link LioUring#waitCompletion(int, java.time.Duration, java.time.Duration)}
     * uses it ({@code min_wait_usec}, {@code IORING_FEAT_MIN_TIMEOUT}, 6.12): after it the wait settles for any
     * completion.
     *
     * @param slot    the slot, from 0
     * @param minWait how long to wait for the full count (microsecond precision, below 2^32 microseconds)
     * @return this region
     */
    public WaitRegion minWait(int slot, Duration minWait) {
        long at = offsetOf(slot);
        Objects.requireNonNull(minWait, "minWait");
        long micros = minWait.isNegative() || minWait.getSeconds() > 0xFFFF_FFFFL ? -1 : minWait.toNanos() / 1000;
        if (micros < 0 || micros > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("minWait must be between 0 and 2^32-1 microseconds: " + minWait);
        }
        memory.set(JAVA_INT, at + MIN_WAIT_USEC, (int) micros);
        return this;
    }

    @Override
    public String toString() {
        return "WaitRegion[slots=" + slots + "]";
    }
}
