package io.liouring.operation;

/**
 * The {@code FUTEX2_*} flags of {@code futex_waitv(2)} and the futex2 interface, for {@link FutexWait},
 * {@link FutexWake} and {@code FutexWaitVector} entries: the size of the futex word, and whether it is private
 * to this process.
 */
public final class Futex2Flags {
    /** An 8-bit futex word (not supported by the kernel yet). */
    public static final int SIZE_U8 = 0x00;
    /** A 16-bit futex word (not supported by the kernel yet). */
    public static final int SIZE_U16 = 0x01;
    /** A 32-bit futex word: the size the kernel supports. */
    public static final int SIZE_U32 = 0x02;
    /** A 64-bit futex word (not supported by the kernel yet). */
    public static final int SIZE_U64 = 0x03;
    /** The futex word is followed by a NUMA node id (6.16). */
    public static final int NUMA = 0x04;
    /** Take the NUMA node from the memory policy (6.16). */
    public static final int MPOL = 0x08;
    /** The futex is private to this process: no other process maps it (faster). */
    public static final int PRIVATE = 128;

    /** {@code FUTEX_BITSET_MATCH_ANY}: the wait/wake bit mask that matches every waiter. */
    public static final long BITSET_MATCH_ANY = 0xFFFF_FFFFL;

    private Futex2Flags() {
    }
}
