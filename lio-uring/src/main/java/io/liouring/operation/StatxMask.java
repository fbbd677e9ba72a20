package io.liouring.operation;

/**
 * The {@code STATX_*} mask bits of {@code statx(2)}: which fields {@link Statx} asks for, and which fields
 * the kernel filled in ({@link io.liouring.struct.StatxResult#mask()}).
 */
public final class StatxMask {
    /** File type (the {@code S_IFMT} bits of the mode). */
    public static final int TYPE = 0x1;
    /** Permission bits of the mode. */
    public static final int MODE = 0x2;
    /** Number of hard links. */
    public static final int NLINK = 0x4;
    /** Owner. */
    public static final int UID = 0x8;
    /** Group. */
    public static final int GID = 0x10;
    /** Last access time. */
    public static final int ATIME = 0x20;
    /** Last modification time. */
    public static final int MTIME = 0x40;
    /** Last status change time. */
    public static final int CTIME = 0x80;
    /** Inode number. */
    public static final int INO = 0x100;
    /** Size in bytes. */
    public static final int SIZE = 0x200;
    /** Allocated 512-byte blocks. */
    public static final int BLOCKS = 0x400;
    /** Everything {@code stat(2)} reports: TYPE through BLOCKS. */
    public static final int BASIC_STATS = 0x7ff;
    /** Creation ("birth") time, where the file system records one. */
    public static final int BTIME = 0x800;
    /** Mount id (5.8). */
    public static final int MNT_ID = 0x1000;
    /** Direct I/O alignment (6.1). */
    public static final int DIOALIGN = 0x2000;

    private StatxMask() {
    }
}
