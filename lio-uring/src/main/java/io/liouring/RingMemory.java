package io.liouring;

import io.liouring.internal.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The memory of a {@code IORING_SETUP_NO_MMAP} ring (Linux 6.5; liburing's {@code io_uring_queue_init_mem(3)}): the
 * ring maps anonymous shared memory itself, optionally in 2 MiB huge pages, and hands its address to the kernel,
 * which pins the pages, instead of mapping the kernel's memory from the ring fd. The SQE array comes first, the SQ and
 * CQ rings after it, each at a page boundary. Owned by the ring: unmapped with its mapping, after which the kernel's
 * pin keeps the pages alive until the ring is gone, so the kernel never writes into memory given back.
 */
final class RingMemory {
    private static final long PAGE = 4096;
    private static final long HUGE_PAGE = 2L << 20;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final int MAP_HUGETLB = 0x40000;
    /** {@code MAP_HUGE_2MB}: log2(2 MiB) in the huge page size bits. */
    private static final int MAP_HUGE_2MB = 21 << 26;
    /** The SQ/CQ ring header before the CQEs ({@code offsetof(struct io_rings, cqes)}, 64 on x86_64 and arm64). */
    private static final long RINGS_HEADER = 64;

    private RingMemory() {
    }

    /**
     * Maps memory for a ring of {@code entries} set up with {@code flags}, in {@code arena} (closing it unmaps).
     *
     * @return the whole mapping: SQEs at 0, the rings at {@link #ringsOffset}
     */
    static MemorySegment allocate(Arena arena, int entries, int cqEntries, int flags, boolean hugePages,
                                  MemorySegment errno) {
        long size = bytes(entries, cqEntries, flags, hugePages);
        int mapFlags = Libc.MAP_SHARED | MAP_ANONYMOUS | Libc.MAP_POPULATE | (hugePages ? MAP_HUGETLB | MAP_HUGE_2MB : 0);
        long address = Libc.mmap(errno, size, Libc.PROT_READ | Libc.PROT_WRITE, mapFlags, -1, 0);
        if (address < 0) {
            throw new UringException("mmap(" + size + " bytes of ring memory" + (hugePages ? " in huge pages" : "") + ")",
                    (int) -address, hugePages && address == -12
                            ? "no free 2 MiB huge pages: reserve some (vm.nr_hugepages) or use noMmap(false)" : null);
        }
        return MemorySegment.ofAddress(address).reinterpret(size, arena, Libc::unmap);
    }

    /** Where the SQ/CQ rings start: after the SQE array, at a page boundary. */
    static long ringsOffset(int entries, int flags) {
        return roundUp((long) sqEntries(entries) << ((flags & Params.SQE128) != 0 ? 7 : 6), PAGE);
    }

    /** What a ring of {@code entries} set up with {@code flags} needs: whole pages (whole huge pages for huge ones). */
    static long bytes(int entries, int cqEntries, int flags, boolean hugePages) {
        int sq = sqEntries(entries);
        int cq = (flags & Params.CQSIZE) != 0 ? nextPowerOfTwo(cqEntries) : 2 * sq;
        long cqeBytes = (long) cq << ((flags & Params.CQE32) != 0 ? 5 : 4);
        // the SQ index array sits after the CQEs, cache-line aligned, unless NO_SQARRAY (counted whatever the flags say,
        // since NO_SQARRAY may be dropped on a kernel that lacks it)
        long rings = roundUp(RINGS_HEADER + cqeBytes, 64) + 4L * sq;
        long total = ringsOffset(entries, flags) + roundUp(rings, PAGE);
        return roundUp(total, hugePages ? HUGE_PAGE : PAGE);
    }

    private static int sqEntries(int entries) {
        return nextPowerOfTwo(Math.min(entries, LioUring.MAX_ENTRIES));
    }

    private static int nextPowerOfTwo(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    private static long roundUp(long n, long to) {
        return (n + to - 1) / to * to;
    }
}
