package io.liouring.operation;

/** The {@code SPLICE_F_*} flags of {@code splice(2)} and {@code tee(2)}, for {@link Splice} and {@link Tee}. */
public final class SpliceFlags {
    /** Move pages instead of copying, where possible (a hint). */
    public static final int MOVE = 0x1;
    /** Do not block on the pipes (the files' own blocking mode still applies). */
    public static final int NONBLOCK = 0x2;
    /** More data follows in a later splice (a hint, as {@code MSG_MORE} for sockets). */
    public static final int MORE = 0x4;
    /** Unused for splice; {@code vmsplice(2)} only. */
    public static final int GIFT = 0x8;
    /**
     * {@code SPLICE_F_FD_IN_FIXED} (io_uring only): the input fd is a direct descriptor's slot. Set it with
     * {@code fdIn(DirectFd)}; the output fd is a direct descriptor's slot when pushed with {@code SqeFlags.FIXED_FILE}.
     */
    public static final int FD_IN_FIXED = 0x8000_0000;

    static final int ALL = MOVE | NONBLOCK | MORE | GIFT | FD_IN_FIXED;

    private SpliceFlags() {
    }

    static int require(int flags) {
        if ((flags & ~ALL) != 0) {
            throw new IllegalArgumentException("flags must be SpliceFlags bits (SPLICE_F_*): 0x" + Integer.toHexString(flags));
        }
        return flags;
    }
}
