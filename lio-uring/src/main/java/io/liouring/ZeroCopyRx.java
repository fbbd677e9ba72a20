package io.liouring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static io.liouring.SubmissionQueue.INT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A zero-copy receive interface queue registered with a ring ({@code IORING_REGISTER_ZCRX_IFQ}, Linux 6.15; the
 * kernel's {@code Documentation/networking/iou-zcrx.rst}, liburing's {@code test/zcrx.c}; there is no man page).
 * The NIC writes the payload of the TCP flows steered to one of its receive queues straight into this object's
 * {@link #area() area}; each {@link io.liouring.operation.RecvZc} completion (a 32-byte completion: the ring needs
 * {@code CQE32} or {@code CQE_MIXED}) locates the bytes in it, and the application gives them back to the NIC
 * through the refill ring ({@link #refill(Completion)}) once it has read them.
 *
 * <p>Made by {@link LioUring#registerZeroCopyRx(int, int, int, long)}; it lives as long as its ring (the kernel
 * unregisters it only when the ring closes), and so do the area and the refill ring, which are memory of the ring.
 * Needs {@code CAP_NET_ADMIN}, a ring with {@code DEFER_TASKRUN}, and a NIC with header/data split, flow steering
 * and the queue-management operations; on a machine without one the registration fails (the errors are listed on
 * {@link LioUring#registerZeroCopyRx(int, int, int, long)}), which is as far as this library's tests can take it.
 *
 * <p>Like the ring, single-threaded: refill on the thread that reaps the ring's completions.
 */
public final class ZeroCopyRx {
    /** {@code sizeof(struct io_uring_zcrx_ifq_reg)}. */
    static final int IFQ_REG_SIZE = 96;
    static final int IFQ_IF_IDX = 0;
    static final int IFQ_IF_RXQ = 4;
    static final int IFQ_RQ_ENTRIES = 8;
    static final int IFQ_AREA_PTR = 16;
    static final int IFQ_REGION_PTR = 24;
    /** {@code struct io_uring_zcrx_offsets} inside the ifq registration: head 0, tail 4, rqes 8 from here. */
    static final int IFQ_OFFSETS = 32;
    static final int IFQ_ZCRX_ID = 64;
    /** {@code sizeof(struct io_uring_zcrx_area_reg)}. */
    static final int AREA_REG_SIZE = 48;
    static final int AREA_ADDR = 0;
    static final int AREA_LEN = 8;
    static final int AREA_TOKEN = 16;
    /** {@code sizeof(struct io_uring_region_desc)}. */
    static final int REGION_DESC_SIZE = 64;
    /** {@code sizeof(struct io_uring_zcrx_rqe)}: off 0, len 8. */
    static final int RQE_SIZE = 16;
    /** {@code IORING_ZCRX_AREA_SHIFT}: the bits of an offset from here up name the area. */
    static final int AREA_SHIFT = 48;
    /** The kernel's {@code IO_RQ_MAX_ENTRIES}: more refill entries need {@code Params.builder().clamp()}. */
    public static final int MAX_REFILL_ENTRIES = 32768;
    /** The refill ring's header before its entries: the kernel's {@code struct io_uring}, two cache lines. */
    static final int REFILL_HEADER = 128;
    /** Region memory is whole pages at a page boundary; 64 KiB covers the page sizes of x86_64 and arm64. */
    static final long PAGE_GRANULE = 65536;

    private final int id;
    private final MemorySegment area;
    private final long areaToken;
    private final MemorySegment refillRing;
    private final int headOffset;
    private final int tailOffset;
    private final int rqesOffset;
    private final int mask;
    private int tail;

    ZeroCopyRx(int id, MemorySegment area, long areaToken, MemorySegment refillRing, int entries, int headOffset,
               int tailOffset, int rqesOffset) {
        this.id = id;
        this.area = area;
        this.areaToken = areaToken;
        this.refillRing = refillRing;
        this.mask = entries - 1;
        this.headOffset = headOffset;
        this.tailOffset = tailOffset;
        this.rqesOffset = rqesOffset;
        this.tail = (int) INT.getAcquire(refillRing, tailOffset);
    }

    /** The refill ring's memory for {@code entries} entries (a power of two), whole pages. */
    static long refillRingBytes(int entries) {
        long bytes = REFILL_HEADER + (long) RQE_SIZE * entries;
        return (bytes + PAGE_GRANULE - 1) / PAGE_GRANULE * PAGE_GRANULE;
    }

    /** {@code rq_entries} as the kernel rounds it: up to a power of two. */
    static int roundedEntries(int entries) {
        return entries <= 1 ? 1 : Integer.highestOneBit(entries - 1) << 1;
    }

    static MemorySegment allocatePages(Arena arena, long bytes) {
        long size = (bytes + PAGE_GRANULE - 1) / PAGE_GRANULE * PAGE_GRANULE;
        return arena.allocate(size, PAGE_GRANULE);
    }

    /**
     * The queue's id ({@code zcrx_id}): what {@link io.liouring.operation.RecvZc} takes as its {@code ifqIndex}.
     *
     * @return the id the kernel gave this queue
     */
    public int id() {
        return id;
    }

    /**
     * The memory the NIC receives into ({@code struct io_uring_zcrx_area_reg}): read a completion's bytes with
     * {@link #data(Completion)}.
     *
     * @return the area, read-only for the application while the kernel owns its pages
     */
    public MemorySegment area() {
        return area.asReadOnly();
    }

    /**
     * How many entries the refill ring has ({@code rq_entries}, rounded up to a power of two by the kernel).
     *
     * @return the refill ring's capacity
     */
    public int refillEntries() {
        return mask + 1;
    }

    /**
     * The bytes a {@link io.liouring.operation.RecvZc} completion reports: its {@code struct io_uring_zcrx_cqe}
     * ({@link Completion#extra1()}) holds their offset in the area, below {@code IORING_ZCRX_AREA_SHIFT}, and its
     * result their length.
     *
     * @param c a successful completion of a zero-copy receive through this queue
     * @return a read-only view of the received bytes in the area
     * @throws IllegalArgumentException if the completion is an error, or names bytes outside the area
     */
    public MemorySegment data(Completion c) {
        long offset = offsetIn(c);
        return area.asSlice(offset, c.result()).asReadOnly();
    }

    /**
     * Gives the bytes of a completion back to the NIC: puts a {@code struct io_uring_zcrx_rqe} with the
     * completion's offset and length on the refill ring, which the kernel reads as it needs buffers.
     *
     * @param c a successful completion of a zero-copy receive through this queue, not refilled before
     * @return {@code false} if the refill ring is full (the kernel has not consumed earlier entries yet)
     * @throws IllegalArgumentException if the completion is an error, or names bytes outside the area
     */
    public boolean refill(Completion c) {
        long offset = offsetIn(c);
        int head = (int) INT.getAcquire(refillRing, headOffset);
        if (tail - head > mask) {
            return false;
        }
        long rqe = rqesOffset + (long) (tail & mask) * RQE_SIZE;
        refillRing.set(JAVA_LONG, rqe, offset | areaToken);
        refillRing.set(JAVA_INT, rqe + 8, c.result());
        refillRing.set(JAVA_INT, rqe + 12, 0);
        tail++;
        INT.setRelease(refillRing, tailOffset, tail);
        return true;
    }

    private long offsetIn(Completion c) {
        if (c.isError()) {
            throw new IllegalArgumentException("c is a failed completion: " + c);
        }
        long offset = c.extra1() & ((1L << AREA_SHIFT) - 1);
        if (offset + c.result() > area.byteSize()) {
            throw new IllegalArgumentException("c names bytes " + offset + "+" + c.result() + " outside the "
                    + area.byteSize() + "-byte area: " + c);
        }
        return offset;
    }

    @Override
    public String toString() {
        return "ZeroCopyRx[id=" + id + ", area=" + area.byteSize() + " bytes, refillEntries=" + (mask + 1) + "]";
    }
}
