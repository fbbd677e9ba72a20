package io.liouring;

/**
 * The {@code O_*} flags of {@code open(2)} and {@code openat(2)}, with this CPU architecture's values
 * (x86_64 and aarch64 differ for {@code O_DIRECT}, {@code O_DIRECTORY}, {@code O_NOFOLLOW}, {@code O_LARGEFILE}).
 */
public final class OpenFlags {
    private static final boolean AARCH64 = "aarch64".equals(System.getProperty("os.arch"));

    /** Open for reading only. */
    public static final int O_RDONLY = 0;
    /** Open for writing only. */
    public static final int O_WRONLY = 1;
    /** Open for reading and writing. */
    public static final int O_RDWR = 2;
    /** Create the file if it does not exist, with the mode given. */
    public static final int O_CREAT = 0100;
    /** With {@link #O_CREAT}: fail with EEXIST if the file exists. */
    public static final int O_EXCL = 0200;
    /** Do not make a terminal the process's controlling terminal. */
    public static final int O_NOCTTY = 0400;
    /** Truncate an existing regular file opened for writing to length 0. */
    public static final int O_TRUNC = 01000;
    /** Every write goes to the end of the file (a write at offset -1 appends). */
    public static final int O_APPEND = 02000;
    /** Non-blocking mode (io_uring polls such files instead of blocking a worker). */
    public static final int O_NONBLOCK = 04000;
    /** Writes complete only once the data, and the metadata to read it, are on storage. */
    public static final int O_DSYNC = 010000;
    /** Bypass the page cache; buffers, offsets and lengths must be aligned to the device's block size. */
    public static final int O_DIRECT = AARCH64 ? 0200000 : 040000;
    /** Allow files larger than 2 GiB (always implied on 64-bit kernels). */
    public static final int O_LARGEFILE = AARCH64 ? 0400000 : 0100000;
    /** Fail with ENOTDIR unless the path is a directory. */
    public static final int O_DIRECTORY = AARCH64 ? 040000 : 0200000;
    /** Fail with ELOOP if the last path component is a symbolic link. */
    public static final int O_NOFOLLOW = AARCH64 ? 0100000 : 0400000;
    /** Do not update the access time (owner or CAP_FOWNER only). */
    public static final int O_NOATIME = 01000000;
    /** Close the descriptor on {@code execve(2)}. */
    public static final int O_CLOEXEC = 02000000;
    /** Writes complete only once data and all metadata are on storage. */
    public static final int O_SYNC = 04010000;
    /** A descriptor that only names the file: for {@code *at} calls and {@code fstat}, not for I/O. */
    public static final int O_PATH = 010000000;
    /** Create an unnamed temporary file in the given directory (link it later with {@code linkat(2)}). */
    public static final int O_TMPFILE = 020000000 | O_DIRECTORY;

    private OpenFlags() {
    }
}
