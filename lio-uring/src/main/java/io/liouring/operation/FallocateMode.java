package io.liouring.operation;

/**
 * The mode bits of {@code fallocate(2)} ({@code FALLOC_FL_*}), for {@link Fallocate}; 0 allocates the range
 * and extends the file if the range ends past it. Which modes work depends on the file system.
 */
public final class FallocateMode {
    /** Do not change the file size, even if the range ends past it. */
    public static final int KEEP_SIZE = 0x01;
    /**
     * Deallocate the range (reads then give zeros); must be combined with {@link #KEEP_SIZE}
     * (alone it fails with {@code EOPNOTSUPP}).
     */
    public static final int PUNCH_HOLE = 0x02;
    /** Remove the range and shift what follows down, shrinking the file (block-aligned ranges only). */
    public static final int COLLAPSE_RANGE = 0x08;
    /** Zero the range, preferably by converting it to unwritten extents. */
    public static final int ZERO_RANGE = 0x10;
    /** Insert a hole of the range's length at the offset, shifting what follows up (block-aligned). */
    public static final int INSERT_RANGE = 0x20;
    /** Unshare blocks shared with other files (copy-on-write file systems). */
    public static final int UNSHARE_RANGE = 0x40;

    private FallocateMode() {
    }
}
