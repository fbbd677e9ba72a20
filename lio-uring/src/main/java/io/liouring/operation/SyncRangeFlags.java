package io.liouring.operation;

/** The flags of {@code sync_file_range(2)}, for {@link SyncFileRange}. */
public final class SyncRangeFlags {
    /** Wait for write-out already in progress on the range before doing anything else. */
    public static final int WAIT_BEFORE = 0x1;
    /** Start write-out of the range's dirty pages. */
    public static final int WRITE = 0x2;
    /** Wait for the write-out of the range to finish. */
    public static final int WAIT_AFTER = 0x4;

    private SyncRangeFlags() {
    }
}
