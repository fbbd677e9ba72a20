package io.liouring.operation;

/**
 * The advice values of {@code posix_fadvise(2)} ({@code POSIX_FADV_*}), for {@link Fadvise}. The values are
 * those of x86_64, aarch64 and every other 64-bit Linux architecture except s390x.
 */
public final class FileAdvice {
    /** No particular access pattern (the default). */
    public static final int NORMAL = 0;
    /** Access will be random: read-ahead is turned off. */
    public static final int RANDOM = 1;
    /** Access will be sequential: read-ahead is increased. */
    public static final int SEQUENTIAL = 2;
    /** The range will be needed soon: start reading it into the page cache. */
    public static final int WILLNEED = 3;
    /** The range will not be needed soon: drop its clean pages from the page cache. */
    public static final int DONTNEED = 4;
    /** The range will be accessed once (a no-op before 6.3). */
    public static final int NOREUSE = 5;

    private FileAdvice() {
    }
}
