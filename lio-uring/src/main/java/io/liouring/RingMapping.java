package io.liouring;

import io.liouring.internal.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The memory an io_uring instance shares with the kernel — the SQ ring, the CQ ring (one mapping with
 * {@code FEAT_SINGLE_MMAP}, 5.4) and the SQE array — mapped from the ring fd at the offsets and sizes a filled-in
 * {@code io_uring_params} gives, with the queues built over it. Closing unmaps it; {@link LioUring#resize}
 * maps new rings and closes the old mapping.
 */
final class RingMapping implements AutoCloseable {
    private static final long OFF_SQ_RING = 0L;
    private static final long OFF_CQ_RING = 0x8000000L;
    private static final long OFF_SQES = 0x10000000L;

    private final Arena memory;
    private final SubmissionQueue sq;
    private final CompletionQueue cq;

    private RingMapping(Arena memory, SubmissionQueue sq, CompletionQueue cq) {
        this.memory = memory;
        this.sq = sq;
        this.cq = cq;
    }

    /**
     * Maps the rings of ring fd {@code ringFd} that {@code params} ({@code io_uring_params} after setup or resize)
     * describes.
     */
    static RingMapping map(int ringFd, MemorySegment params, int setupFlags, boolean singleMmap, MemorySegment errno) {
        int sqEntries = params.get(JAVA_INT, 0);
        int cqEntries = params.get(JAVA_INT, 4);
        MemorySegment sqOff = params.asSlice(40, 40);
        MemorySegment cqOff = params.asSlice(80, 40);
        boolean sqe128 = (setupFlags & Params.SQE128) != 0;
        boolean cqe32 = (setupFlags & Params.CQE32) != 0;
        boolean sqArray = (setupFlags & Params.NO_SQARRAY) == 0;

        long sqRingSize = Integer.toUnsignedLong(sqOff.get(JAVA_INT, 24)) + 4L * sqEntries;
        long cqRingSize = Integer.toUnsignedLong(cqOff.get(JAVA_INT, 20)) + ((long) cqEntries << (cqe32 ? 5 : 4));
        Arena memory = Arena.ofShared();
        try {
            MemorySegment sqRing;
            MemorySegment cqRing;
            if (singleMmap) {
                sqRing = map(memory, ringFd, errno, Math.max(sqRingSize, cqRingSize), OFF_SQ_RING);
                cqRing = sqRing;
            } else {
                sqRing = map(memory, ringFd, errno, sqRingSize, OFF_SQ_RING);
                cqRing = map(memory, ringFd, errno, cqRingSize, OFF_CQ_RING);
            }
            MemorySegment sqes = map(memory, ringFd, errno, (long) sqEntries << (sqe128 ? 7 : 6), OFF_SQES);
            return new RingMapping(memory, new SubmissionQueue(sqRing, sqes, sqOff, sqe128, sqArray),
                    new CompletionQueue(cqRing, cqOff, cqe32, (setupFlags & Params.CQE_MIXED) != 0));
        } catch (RuntimeException | Error e) {
            memory.close();
            throw e;
        }
    }

    /**
     * The queues of a {@code NO_MMAP} ring over the memory {@link RingMemory#allocate} mapped, which {@code memory}
     * owns (closing the mapping unmaps it).
     */
    static RingMapping ofUserMemory(Arena memory, MemorySegment userMemory, long ringsOffset, MemorySegment params,
                                    int setupFlags) {
        int sqEntries = params.get(JAVA_INT, 0);
        MemorySegment sqOff = params.asSlice(40, 40);
        MemorySegment cqOff = params.asSlice(80, 40);
        boolean sqe128 = (setupFlags & Params.SQE128) != 0;
        MemorySegment sqes = userMemory.asSlice(0, (long) sqEntries << (sqe128 ? 7 : 6));
        MemorySegment rings = userMemory.asSlice(ringsOffset);
        return new RingMapping(memory, new SubmissionQueue(rings, sqes, sqOff, sqe128, (setupFlags & Params.NO_SQARRAY) == 0),
                new CompletionQueue(rings, cqOff, (setupFlags & Params.CQE32) != 0, (setupFlags & Params.CQE_MIXED) != 0));
    }

    private static MemorySegment map(Arena memory, int ringFd, MemorySegment errno, long size, long offset) {
        long address = Libc.mmap(errno, size, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED | Libc.MAP_POPULATE,
                ringFd, offset);
        if (address < 0) {
            throw new UringException("mmap(io_uring, offset=0x" + Long.toHexString(offset) + ")", (int) -address);
        }
        return MemorySegment.ofAddress(address).reinterpret(size, memory, Libc::unmap);
    }

    SubmissionQueue sq() {
        return sq;
    }

    CompletionQueue cq() {
        return cq;
    }

    /** Unmaps the rings; the queues must not be used afterwards. */
    @Override
    public void close() {
        memory.close();
    }
}
