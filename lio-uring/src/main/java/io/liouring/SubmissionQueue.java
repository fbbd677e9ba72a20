package io.liouring;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The submission side of the shared ring: the kernel's head (which it advances as it consumes) and our
 * tail (which we publish with a store-release). Entries are written through one {@link Sqe} flyweight.
 */
final class SubmissionQueue {
    static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    /** {@code IORING_SQ_NEED_WAKEUP}: the SQPOLL thread sleeps; wake it with {@code IORING_ENTER_SQ_WAKEUP}. */
    static final int NEED_WAKEUP = 1;
    /** {@code IORING_SQ_CQ_OVERFLOW}: completions wait in the kernel's overflow list. */
    static final int CQ_OVERFLOW = 1 << 1;
    /** {@code IORING_SQ_TASKRUN}: task work waits to be run (TASKRUN_FLAG rings). */
    static final int TASKRUN = 1 << 2;

    private final MemorySegment ring;
    private final MemorySegment sqes;
    private final long headOffset;
    private final long tailOffset;
    private final long flagsOffset;
    private final long droppedOffset;
    private final int mask;
    private final int entries;
    private final int sqeShift;
    private final Sqe sqe = new Sqe();

    private int localTail;
    private int publishedTail;
    private int cachedHead;

    SubmissionQueue(MemorySegment ring, MemorySegment sqes, MemorySegment sqOffsets, boolean sqe128,
                    boolean identityArray) {
        this.ring = ring;
        this.sqes = sqes;
        this.headOffset = sqOffsets.get(JAVA_INT, 0);
        this.tailOffset = sqOffsets.get(JAVA_INT, 4);
        this.mask = ring.get(JAVA_INT, sqOffsets.get(JAVA_INT, 8));
        this.entries = ring.get(JAVA_INT, sqOffsets.get(JAVA_INT, 12));
        this.flagsOffset = sqOffsets.get(JAVA_INT, 16);
        this.droppedOffset = sqOffsets.get(JAVA_INT, 20);
        this.sqeShift = sqe128 ? 7 : 6;
        if (identityArray) {
            long array = sqOffsets.get(JAVA_INT, 24);
            for (int i = 0; i < entries; i++) {
                ring.set(JAVA_INT, array + 4L * i, i);
            }
        }
        this.sqe.bind(sqes, 0, 1 << sqeShift);
        this.localTail = (int) INT.getAcquire(ring, tailOffset);
        this.publishedTail = localTail;
        this.cachedHead = (int) INT.getAcquire(ring, headOffset);
        // Free slots must be zero; entries between head and tail (carried over by a resize) are kept.
        for (int i = localTail; i != cachedHead + entries; i++) {
            sqes.asSlice((long) (i & mask) << sqeShift, 1L << sqeShift).fill((byte) 0);
        }
    }

    int entries() {
        return entries;
    }

    /** The slot for the next entry, or -1 when the queue is full. */
    int nextSlot() {
        if (localTail - cachedHead >= entries) {
            refreshHead();
            if (localTail - cachedHead >= entries) {
                return -1;
            }
        }
        return localTail & mask;
    }

    /**
     * Binds the flyweight to a slot from {@link #nextSlot()}. Free slots are always zero: the array is zeroed
     * at setup and {@link #refreshHead()} zeroes the entries the kernel consumed, in bulk, before they are reused.
     */
    Sqe sqeAt(int slot) {
        sqe.moveTo((long) slot << sqeShift);
        return sqe;
    }

    /** Catches up with the kernel's head and zeroes the entries it consumed since the last call. */
    private void refreshHead() {
        int head = (int) INT.getAcquire(ring, headOffset);
        int consumed = head - cachedHead;
        if (consumed > 0) {
            int first = cachedHead & mask;
            int run = Math.min(consumed, entries - first);
            sqes.asSlice((long) first << sqeShift, (long) run << sqeShift).fill((byte) 0);
            if (consumed > run) {
                sqes.asSlice(0, (long) (consumed - run) << sqeShift).fill((byte) 0);
            }
            cachedHead = head;
        }
    }

    /** Makes the entry written at the current slot part of the next submission. */
    void commit() {
        localTail++;
    }

    /** Publishes committed entries with a store-release of the tail; returns how many the kernel has yet to consume. */
    int publish() {
        if (publishedTail != localTail) {
            INT.setRelease(ring, tailOffset, localTail);
            publishedTail = localTail;
        }
        return localTail - (int) INT.getAcquire(ring, headOffset);
    }

    /**
     * Takes back the entries pushed since {@link #tail()} returned {@code mark}: zeroes their slots (free slots must be
     * zero) and moves the tail back. Only entries not yet published can be taken back; the kernel may already be
     * reading the others.
     */
    void rollback(int mark) {
        if (mark - publishedTail < 0 || localTail - mark < 0) {
            throw new IllegalArgumentException("mark " + mark + " is not between the published tail " + publishedTail
                    + " and the tail " + localTail + ": only unpublished entries can be taken back");
        }
        for (int i = mark; i != localTail; i++) {
            sqeAt(i & mask).clear();
        }
        localTail = mark;
    }

    /** Entries pushed so far, published or not (the next tail). */
    int tail() {
        return localTail;
    }

    /** Entries the kernel has consumed so far (its head). */
    int head() {
        return (int) INT.getAcquire(ring, headOffset);
    }

    /** Entries that can still be pushed before the queue is full. */
    int spaceLeft() {
        refreshHead();
        return entries - (localTail - cachedHead);
    }

    /** The SQ ring flags ({@link #NEED_WAKEUP}, {@link #CQ_OVERFLOW}, {@link #TASKRUN}). */
    int flags() {
        return (int) INT.getVolatile(ring, flagsOffset);
    }

    /** Entries the kernel dropped as invalid. */
    int dropped() {
        return (int) INT.getVolatile(ring, droppedOffset);
    }
}
