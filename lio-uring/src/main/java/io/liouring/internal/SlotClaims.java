package io.liouring.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Claims of a fixed number of slots (indices {@code 0..count-1}) by threads that hold one only for a short call that
 * never waits, such as a direct system call that cannot block: a claim is one compare-and-set on the slot's own flag
 * and a release one store, without allocation. A thread starts at a slot chosen by its id, so that threads running at
 * the same time rarely meet; one that finds every slot taken yields and tries again. A virtual thread does not unmount
 * during such a call, so no more slots are held at once than threads are running on CPUs.
 */
public final class SlotClaims {
    /** Ints between two flags, so that each flag has a cache line of its own. */
    private static final int STRIDE = 16;
    /** Flag access. */
    private static final VarHandle FLAG = MethodHandles.arrayElementVarHandle(int[].class);

    /** 1 where a slot is claimed, at {@code slot * STRIDE}. */
    private final int[] claimed;
    /** {@code count - 1}. */
    private final int mask;

    /**
     * Slots {@code 0..count-1}, all free.
     *
     * @param count the number of slots, a power of two
     * @throws IllegalArgumentException if {@code count} is not a positive power of two
     */
    public SlotClaims(int count) {
        if (count <= 0 || Integer.bitCount(count) != 1) {
            throw new IllegalArgumentException("count must be a positive power of two: " + count);
        }
        this.claimed = new int[count * STRIDE];
        this.mask = count - 1;
    }

    /**
     * Claims a free slot for the calling thread until it calls {@link #release(int)}; everything the slot's previous
     * holder wrote before its release is visible.
     *
     * @return the slot
     */
    public int claim() {
        long id = Thread.currentThread().threadId();
        int slot = (int) ((id * 0x9E3779B97F4A7C15L) >>> 32) & mask;
        int tried = 0;
        while (true) {
            int at = slot * STRIDE;
            if ((int) FLAG.getOpaque(claimed, at) == 0 && FLAG.compareAndSet(claimed, at, 0, 1)) {
                return slot;
            }
            slot = (slot + 1) & mask;
            if (++tried > mask) {
                tried = 0;
                Thread.yield();
            }
        }
    }

    /**
     * Claims a free slot as {@link #claim()} does, but looks at each slot once and gives up instead of waiting: for a
     * caller that has another way to go when every slot is held.
     *
     * @return the slot, or -1 if every slot was held when it was looked at
     */
    public int tryClaim() {
        long id = Thread.currentThread().threadId();
        int slot = (int) ((id * 0x9E3779B97F4A7C15L) >>> 32) & mask;
        for (int tried = 0; tried <= mask; tried++) {
            int at = slot * STRIDE;
            if ((int) FLAG.getOpaque(claimed, at) == 0 && FLAG.compareAndSet(claimed, at, 0, 1)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /**
     * Gives a slot back.
     *
     * @param slot a slot the calling thread claimed
     */
    public void release(int slot) {
        FLAG.setRelease(claimed, slot * STRIDE, 0);
    }
}
