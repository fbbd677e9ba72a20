package io.liouring;

import java.util.StringJoiner;

/**
 * The per-request flags of {@code sqe.flags} ({@code IOSQE_*}, see {@code io_uring_enter(2)}).
 *
 * <p>Immutable; every combination is a cached instance, so combining flags on a hot path does not allocate.
 * Flags given to {@link LioUring#push(Operation, long, SqeFlags)} are OR-ed with those the operation sets
 * itself (for example {@link #BUFFER_SELECT}); neither replaces the other.
 */
public final class SqeFlags {
    private static final SqeFlags[] ALL = new SqeFlags[128];
    private static final String[] NAMES = {"FIXED_FILE", "IO_DRAIN", "IO_LINK", "IO_HARDLINK", "ASYNC",
            "BUFFER_SELECT", "CQE_SKIP_SUCCESS"};

    static {
        for (int i = 0; i < ALL.length; i++) {
            ALL[i] = new SqeFlags((byte) i);
        }
    }

    /** No flags. */
    public static final SqeFlags NONE = ALL[0];
    /** The fd is an index into the registered file table (5.1). */
    public static final SqeFlags FIXED_FILE = ALL[1];
    /** Start only after every earlier request has completed (5.2). */
    public static final SqeFlags IO_DRAIN = ALL[2];
    /** The next request starts only if this one succeeds (5.3). */
    public static final SqeFlags IO_LINK = ALL[4];
    /** Like IO_LINK, but the chain goes on even if this one fails (5.5). */
    public static final SqeFlags IO_HARDLINK = ALL[8];
    /** Always issue asynchronously, from an io-wq worker (5.6). */
    public static final SqeFlags ASYNC = ALL[16];
    /** Take the buffer from the request's buffer group (5.7). */
    public static final SqeFlags BUFFER_SELECT = ALL[32];
    /**
     * Post no completion when the request succeeds (5.17). A failure is still posted; in a chain, the requests a
     * failure cancels post {@code -ECANCELED} even if they carry this flag, unless the request that failed carries it:
     * then they post nothing.
     */
    public static final SqeFlags CQE_SKIP_SUCCESS = ALL[64];

    private final byte bits;

    private SqeFlags(byte bits) {
        this.bits = bits;
    }

    /**
     * {@return the flags of a raw {@code sqe.flags} value}
     *
     * @param bits a combination of the {@code IOSQE_*} bits above, 0 to 127
     * @throws IllegalArgumentException if {@code bits} is outside 0 to 127 (bit 7 is no flag the kernel defines)
     */
    public static SqeFlags of(int bits) {
        if (bits < 0 || bits >= ALL.length) {
            throw new IllegalArgumentException("sqe flags must be a combination of IOSQE_* bits (0..127): " + bits);
        }
        return ALL[bits];
    }

    /**
     * These flags and {@code other}.
     *
     * @param other flags to add
     * @return the union of both sets
     */
    public SqeFlags and(SqeFlags other) {
        return ALL[bits | other.bits];
    }

    /**
     * {@return whether every flag of {@code other} is set here}
     *
     * @param other the flags to look for
     */
    public boolean contains(SqeFlags other) {
        return (bits & other.bits) == other.bits;
    }

    /** {@return the raw {@code sqe.flags} byte} */
    public int bits() {
        return bits;
    }

    @Override
    public String toString() {
        if (bits == 0) {
            return "NONE";
        }
        StringJoiner joiner = new StringJoiner("|");
        for (int i = 0; i < NAMES.length; i++) {
            if ((bits & (1 << i)) != 0) {
                joiner.add(NAMES[i]);
            }
        }
        return joiner.toString();
    }
}
