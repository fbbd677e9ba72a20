package io.liouring.operation;

/** The {@code RWF_*} per-request flags of {@code preadv2(2)}/{@code pwritev2(2)}, for read and write operations. */
public final class RwFlags {
    /** High-priority request, polled where the device supports it. */
    public static final int HIPRI = 0x1;
    /** Per-request O_DSYNC. */
    public static final int DSYNC = 0x2;
    /** Per-request O_SYNC. */
    public static final int SYNC = 0x4;
    /** Fail with EAGAIN instead of blocking. */
    public static final int NOWAIT = 0x8;
    /** Per-request O_APPEND. */
    public static final int APPEND = 0x10;
    /** Ignore O_APPEND for this request (6.9). */
    public static final int NOAPPEND = 0x20;
    /** Write atomically or not at all (6.11). */
    public static final int ATOMIC = 0x40;
    /** Uncached buffered I/O: drop the pages once written back (6.14). */
    public static final int DONTCACHE = 0x80;

    private RwFlags() {
    }
}
