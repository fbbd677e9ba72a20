package io.liouring;

import java.lang.foreign.MemorySegment;

import static io.liouring.SubmissionQueue.INT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * The completion side of the shared ring: the kernel's tail (read with load-acquire) and our head
 * (released with a store-release once entries are consumed).
 */
final class CompletionQueue {
    private final MemorySegment ring;
    private final long headOffset;
    private final long tailOffset;
    private final long overflowOffset;
    private final long flagsOffset;
    private final long cqesOffset;
    private final int mask;
    private final int entries;
    private final int cqeShift;
    private final boolean big;

    private int head;

    CompletionQueue(MemorySegment ring, MemorySegment cqOffsets, boolean cqe32) {
        this.ring = ring;
        this.headOffset = cqOffsets.get(JAVA_INT, 0);
        this.tailOffset = cqOffsets.get(JAVA_INT, 4);
        this.mask = ring.get(JAVA_INT, cqOffsets.get(JAVA_INT, 8));
        this.entries = ring.get(JAVA_INT, cqOffsets.get(JAVA_INT, 12));
        this.overflowOffset = cqOffsets.get(JAVA_INT, 16);
        this.cqesOffset = cqOffsets.get(JAVA_INT, 20);
        this.flagsOffset = cqOffsets.get(JAVA_INT, 24);
        this.big = cqe32;
        this.cqeShift = cqe32 ? 5 : 4;
        this.head = (int) INT.getAcquire(ring, headOffset);
    }

    int entries() {
        return entries;
    }

    /** Completions posted and not yet consumed. */
    int ready() {
        return (int) INT.getAcquire(ring, tailOffset) - head;
    }

    /** Completions the kernel had to drop (only without {@code FEAT_NODROP}, or when its overflow list failed). */
    int overflow() {
        return (int) INT.getVolatile(ring, overflowOffset);
    }

    /** The CQ ring flags word ({@code IORING_CQ_EVENTFD_DISABLED}). */
    int flags() {
        return (int) INT.getVolatile(ring, flagsOffset);
    }

    void flags(int flags) {
        INT.setRelease(ring, flagsOffset, flags);
    }

    /** The completion at the head, without consuming it, or {@code null}. */
    Completion peek() {
        if (ready() <= 0) {
            return null;
        }
        long at = cqesOffset + ((long) (head & mask) << cqeShift);
        return new Completion(ring.get(JAVA_LONG, at), ring.get(JAVA_INT, at + 8), ring.get(JAVA_INT, at + 12),
                big ? ring.get(JAVA_LONG, at + 16) : 0, big ? ring.get(JAVA_LONG, at + 24) : 0);
    }

    /** Consumes and returns the completion at the head, or {@code null}. */
    Completion poll() {
        Completion c = peek();
        if (c != null) {
            advance(1);
        }
        return c;
    }

    /** Hands every ready completion to the handler, releasing the head even if the handler throws. */
    int forEach(CompletionHandler handler) {
        int tail = (int) INT.getAcquire(ring, tailOffset);
        int start = head;
        try {
            while (head != tail) {
                long at = cqesOffset + ((long) (head & mask) << cqeShift);
                long userData = ring.get(JAVA_LONG_UNALIGNED, at); // aligned CQE: skip FFM's alignment checks
                int result = ring.get(JAVA_INT_UNALIGNED, at + 8);
                int flags = ring.get(JAVA_INT_UNALIGNED, at + 12);
                head++;
                handler.onCompletion(userData, result, flags);
            }
        } finally {
            INT.setRelease(ring, headOffset, head);
        }
        return head - start;
    }

    private void advance(int n) {
        head += n;
        INT.setRelease(ring, headOffset, head);
    }
}
