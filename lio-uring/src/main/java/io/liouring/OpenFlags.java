package io.liouring;

/**
 * The {@code O_*} flags of {@code open(2)} and {@code openat(2)}, with this CPU architecture's values
 * (x86_64 and aarch64 differ for {@code O_DIRECT}, {@code O_DIRECTORY}, {@code O_NOFOLLOW}, {@code O_LARGEFILE}).
 */
public final class OpenFlags {
    private static final boolean AARCH64 = "aarch64".equals(System.getProperty("os.arch"));

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DSYNC = 010000;
    public static final int O_DIRECT = AARCH64 ? 0200000 : 040000;
    public static final int O_LARGEFILE = AARCH64 ? 0400000 : 0100000;
    public static final int O_DIRECTORY = AARCH64 ? 040000 : 0200000;
    public static final int O_NOFOLLOW = AARCH64 ? 0100000 : 0400000;
    public static final int O_NOATIME = 01000000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_SYNC = 04010000;
    public static final int O_PATH = 010000000;
    public static final int O_TMPFILE = 020000000 | O_DIRECTORY;

    private OpenFlags() {
    }
}
