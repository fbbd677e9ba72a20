package io.liouring.operation;

/** The flags of {@code renameat2(2)}, for {@link RenameAt}. */
public final class RenameFlags {
    /** Fail with {@code EEXIST} instead of replacing an existing target (3.15). */
    public static final int NOREPLACE = 0x1;
    /** Swap source and target atomically; both must exist (3.15). */
    public static final int EXCHANGE = 0x2;
    /** Leave an overlay/union "whiteout" at the source (3.18; needs CAP_MKNOD). */
    public static final int WHITEOUT = 0x4;

    private RenameFlags() {
    }
}
