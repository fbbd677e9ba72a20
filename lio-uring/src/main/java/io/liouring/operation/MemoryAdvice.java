package io.liouring.operation;

/** Common advice values of {@code madvise(2)} ({@code MADV_*}), for {@link Madvise}. */
public final class MemoryAdvice {
    /** No particular access pattern (the default). */
    public static final int NORMAL = 0;
    /** Access will be random: read-ahead is turned off. */
    public static final int RANDOM = 1;
    /** Access will be sequential: read-ahead is increased, pages may be freed soon after. */
    public static final int SEQUENTIAL = 2;
    /** The range will be needed soon: page it in. */
    public static final int WILLNEED = 3;
    /** Drop the range: private anonymous pages read back as zeros afterwards. */
    public static final int DONTNEED = 4;
    /** The pages may be freed lazily under memory pressure (4.5). */
    public static final int FREE = 8;
    /** Free the range and its backing store (shared file mappings that support hole punching). */
    public static final int REMOVE = 9;
    /** Do not make the range available to a child after {@code fork(2)}. */
    public static final int DONTFORK = 10;
    /** Undo {@link #DONTFORK}. */
    public static final int DOFORK = 11;
    /** Back the range with transparent huge pages where possible. */
    public static final int HUGEPAGE = 14;
    /** Do not back the range with transparent huge pages. */
    public static final int NOHUGEPAGE = 15;
    /** Deactivate the range: reclaim it before other memory (5.4). */
    public static final int COLD = 20;
    /** Reclaim the range now (5.4). */
    public static final int PAGEOUT = 21;

    private MemoryAdvice() {
    }
}
