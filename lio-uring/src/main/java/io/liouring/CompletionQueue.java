package io.liouring;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import static io.liouring.SubmissionQueue.INT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

/**
 * The completion side of the shared ring: the kernel's tail (read with load-acquire) and our head
 * (released with a store-release once entries are consumed).
 */
final class CompletionQueue {
    /** Whether {@code res} (offset 8) is the low half of the native-order long at offset 8 of a CQE. */
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

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
    /** {@code CQE_MIXED}: 16-byte slots, a 32-byte entry ({@code F_32}) takes two, and {@code F_SKIP} pads. */
    private final boolean mixed;

    private int head;

    CompletionQueue(MemorySegment ring, MemorySegment cqOffsets, boolean cqe32, boolean cqeMixed) {
        this.ring = ring;
        this.headOffset = cqOffsets.get(JAVA_INT, 0);
        this.tailOffset = cqOffsets.get(JAVA_INT, 4);
        this.mask = ring.get(JAVA_INT, cqOffsets.get(JAVA_INT, 8));
        this.entries = ring.get(JAVA_INT, cqOffsets.get(JAVA_INT, 12));
        this.overflowOffset = cqOffsets.get(JAVA_INT, 16);
        this.cqesOffset = cqOffsets.get(JAVA_INT, 20);
        this.flagsOffset = cqOffsets.get(JAVA_INT, 24);
        this.big = cqe32;
        this.mixed = cqeMixed;
        this.cqeShift = cqe32 ? 5 : 4;
        this.head = (int) INT.getAcquire(ring, headOffset);
    }

    int entries() {
        return entries;
    }

    /** Slots posted and not yet consumed: completions, except on {@code CQE_MIXED} rings (see {@link #mixed}). */
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

    /**
     * The completion at the head, without consuming it, or {@code null}. Padding entries ({@code F_SKIP}) at the head
     * are consumed on the way: they complete nothing.
     */
    Completion peek() {
        while (ready() > 0) {
            long at = cqesOffset + ((long) (head & mask) << cqeShift);
            int flags = ring.get(JAVA_INT, at + 12);
            if (mixed && (flags & Completion.F_SKIP) != 0) {
                advance(1);
                continue;
            }
            boolean wide = big || mixed && (flags & Completion.F_32) != 0;
            return new Completion(ring.get(JAVA_LONG, at), ring.get(JAVA_INT, at + 8), flags,
                    wide ? ring.get(JAVA_LONG, at + 16) : 0, wide ? ring.get(JAVA_LONG, at + 24) : 0);
        }
        return null;
    }

    /** Consumes and returns the completion at the head, or {@code null}. */
    Completion poll() {
        Completion c = peek();
        if (c != null) {
            advance(mixed && (c.flags() & Completion.F_32) != 0 ? 2 : 1);
        }
        return c;
    }

    /** Hands every ready completion to the handler, releasing the head even if the handler throws. */
    int forEach(CompletionHandler handler) {
        if (big || mixed) {
            return forEachWide(handler);
        }
        int tail = (int) INT.getAcquire(ring, tailOffset);
        int handled = 0;
        try {
            while (head != tail) {
                long at = cqesOffset + ((long) (head & mask) << 4);
                long userData = ring.get(JAVA_LONG_UNALIGNED, at); // aligned CQE: skip FFM's alignment checks
                long resultAndFlags = ring.get(JAVA_LONG_UNALIGNED, at + 8); // one checked read for two fields
                head++;
                handled++;
                handler.onCompletion(userData, result(resultAndFlags), flags(resultAndFlags));
            }
        } finally {
            INT.setRelease(ring, headOffset, head);
        }
        return handled;
    }

    /**
     * {@link #forEach} on a ring with 32-byte completions ({@code CQE32}) or mixed ones ({@code CQE_MIXED}): kept apart
     * so that the loop over 16-byte completions stays small enough to be inlined into its callers.
     */
    private int forEachWide(CompletionHandler handler) {
        int tail = (int) INT.getAcquire(ring, tailOffset);
        int handled = 0;
        try {
            while (head != tail) {
                long at = cqesOffset + ((long) (head & mask) << cqeShift);
                long userData = ring.get(JAVA_LONG_UNALIGNED, at);
                long resultAndFlags = ring.get(JAVA_LONG_UNALIGNED, at + 8);
                int flags = flags(resultAndFlags);
                if (mixed && (flags & Completion.F_SKIP) != 0) {
                    head++;
                    continue;
                }
                if (big || (flags & Completion.F_32) != 0) {
                    head += big ? 1 : 2;
                    handled++;
                    handler.onCompletion(userData, result(resultAndFlags), flags,
                            ring.get(JAVA_LONG_UNALIGNED, at + 16), ring.get(JAVA_LONG_UNALIGNED, at + 24));
                    continue;
                }
                head++;
                handled++;
                handler.onCompletion(userData, result(resultAndFlags), flags);
            }
        } finally {
            INT.setRelease(ring, headOffset, head);
        }
        return handled;
    }

    /** {@code res}, the low-addressed half of the CQE's second 8 bytes read as one native-order long. */
    private static int result(long resultAndFlags) {
        return (int) (LITTLE_ENDIAN ? resultAndFlags : resultAndFlags >>> 32);
    }

    /** {@code flags}, the high-addressed half of the CQE's second 8 bytes read as one native-order long. */
    private static int flags(long resultAndFlags) {
        return (int) (LITTLE_ENDIAN ? resultAndFlags >>> 32 : resultAndFlags);
    }

    private void advance(int n) {
        head += n;
        INT.setRelease(ring, headOffset, head);
    }
}
