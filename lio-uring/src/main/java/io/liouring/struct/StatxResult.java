package io.liouring.struct;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Instant;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A native {@code struct statx} (256 bytes) that a {@code Statx} request fills in, with readable getters.
 *
 * <p>Only the fields whose bit is set in {@link #mask()} are valid ({@code StatxMask}); a file system may
 * leave out some that were asked for (birth time, for one) and may fill in more. Unsigned 32-bit fields are
 * returned as {@code int}. The kernel writes the struct when the request executes: keep this object
 * reachable, and do not read it, until the request has completed.
 */
public final class StatxResult {
    /** {@code sizeof(struct statx)}. */
    public static final long SIZE = 256;

    private static final long MASK = 0;
    private static final long BLKSIZE = 4;
    private static final long ATTRIBUTES = 8;
    private static final long NLINK = 16;
    private static final long UID = 20;
    private static final long GID = 24;
    private static final long MODE = 28;
    private static final long INO = 32;
    private static final long FILE_SIZE = 40;
    private static final long BLOCKS = 48;
    private static final long ATTRIBUTES_MASK = 56;
    private static final long ATIME = 64;
    private static final long BTIME = 80;
    private static final long CTIME = 96;
    private static final long MTIME = 112;
    private static final long RDEV_MAJOR = 128;
    private static final long RDEV_MINOR = 132;
    private static final long DEV_MAJOR = 136;
    private static final long DEV_MINOR = 140;
    private static final long MNT_ID = 144;
    /** {@code struct statx_timestamp}: {@code tv_sec} (s64) then {@code tv_nsec} (u32). */
    private static final long TV_NSEC = 8;
    private static final int S_IFMT = 0170000;

    /** The file type, from the {@code S_IFMT} bits of the mode. */
    public enum FileType {
        /** A named pipe ({@code S_IFIFO}). */
        FIFO(0010000),
        /** A character device ({@code S_IFCHR}). */
        CHARACTER_DEVICE(0020000),
        /** A directory ({@code S_IFDIR}). */
        DIRECTORY(0040000),
        /** A block device ({@code S_IFBLK}). */
        BLOCK_DEVICE(0060000),
        /** A regular file ({@code S_IFREG}). */
        REGULAR(0100000),
        /** A symbolic link ({@code S_IFLNK}), as statx reports it with {@code AT_SYMLINK_NOFOLLOW}. */
        SYMBOLIC_LINK(0120000),
        /** A socket ({@code S_IFSOCK}). */
        SOCKET(0140000),
        /** Type bits no other constant has, or a mode the kernel did not fill in ({@code STATX_TYPE} missing). */
        UNKNOWN(-1);

        private final int bits;

        FileType(int bits) {
            this.bits = bits;
        }

        static FileType of(int mode) {
            int type = mode & S_IFMT;
            for (FileType t : values()) {
                if (t.bits == type) {
                    return t;
                }
            }
            return UNKNOWN;
        }
    }

    private final MemorySegment segment;

    private StatxResult(MemorySegment segment) {
        this.segment = segment;
    }

    /** {@return a zeroed result in an automatic (garbage-collected) arena} */
    public static StatxResult allocate() {
        return allocate(Arena.ofAuto());
    }

    /**
     * {@return a zeroed result in {@code arena}}
     *
     * @param arena where the struct lives; it must stay open until the request has completed
     */
    public static StatxResult allocate(Arena arena) {
        Objects.requireNonNull(arena, "arena");
        return new StatxResult(arena.allocate(SIZE, 8));
    }

    /** {@return the native struct, for the kernel} */
    public MemorySegment segment() {
        return segment;
    }

    /** {@return {@code stx_mask}: the {@code StatxMask} bits of the fields the kernel filled in} */
    public int mask() {
        return segment.get(JAVA_INT, MASK);
    }

    /**
     * {@return whether every field of {@code statxMask} was filled in}
     *
     * @param statxMask {@code StatxMask} bits
     */
    public boolean has(int statxMask) {
        return (mask() & statxMask) == statxMask;
    }

    /** {@return {@code stx_blksize}: the preferred block size for I/O} */
    public int blksize() {
        return segment.get(JAVA_INT, BLKSIZE);
    }

    /** {@return {@code stx_attributes}: {@code STATX_ATTR_*} bits (compressed, immutable, append-only, …)} */
    public long attributes() {
        return segment.get(JAVA_LONG, ATTRIBUTES);
    }

    /** {@return {@code stx_attributes_mask}: which {@link #attributes()} bits this file system supports} */
    public long attributesMask() {
        return segment.get(JAVA_LONG, ATTRIBUTES_MASK);
    }

    /** {@return {@code stx_nlink}: the number of hard links} */
    public int nlink() {
        return segment.get(JAVA_INT, NLINK);
    }

    /** {@return {@code stx_uid}: the owner's user id} */
    public int uid() {
        return segment.get(JAVA_INT, UID);
    }

    /** {@return {@code stx_gid}: the group id} */
    public int gid() {
        return segment.get(JAVA_INT, GID);
    }

    /** {@return {@code stx_mode}: file type and permission bits, as {@code st_mode}} */
    public int mode() {
        return Short.toUnsignedInt(segment.get(JAVA_SHORT, MODE));
    }

    /** {@return the permission bits of the mode (including set-uid, set-gid and sticky)} */
    public int permissions() {
        return mode() & 07777;
    }

    /** {@return the file type of the mode} */
    public FileType type() {
        return FileType.of(mode());
    }

    /** {@return {@code stx_ino}: the inode number} */
    public long ino() {
        return segment.get(JAVA_LONG, INO);
    }

    /** {@return {@code stx_size}: the size in bytes} */
    public long size() {
        return segment.get(JAVA_LONG, FILE_SIZE);
    }

    /** {@return {@code stx_blocks}: the number of 512-byte blocks allocated} */
    public long blocks() {
        return segment.get(JAVA_LONG, BLOCKS);
    }

    /** {@return {@code stx_atime}: last access} */
    public Instant atime() {
        return timestamp(ATIME);
    }

    /** {@return {@code stx_btime}: creation, if {@code StatxMask.BTIME} is in the mask} */
    public Instant btime() {
        return timestamp(BTIME);
    }

    /** {@return {@code stx_ctime}: last status change} */
    public Instant ctime() {
        return timestamp(CTIME);
    }

    /** {@return {@code stx_mtime}: last modification} */
    public Instant mtime() {
        return timestamp(MTIME);
    }

    /** {@return {@code stx_rdev_major}: for a device file, the device it stands for} */
    public int rdevMajor() {
        return segment.get(JAVA_INT, RDEV_MAJOR);
    }

    /** {@return {@code stx_rdev_minor}} */
    public int rdevMinor() {
        return segment.get(JAVA_INT, RDEV_MINOR);
    }

    /** {@return {@code stx_dev_major}: the device the file lives on} */
    public int devMajor() {
        return segment.get(JAVA_INT, DEV_MAJOR);
    }

    /** {@return {@code stx_dev_minor}} */
    public int devMinor() {
        return segment.get(JAVA_INT, DEV_MINOR);
    }

    /** {@return {@code stx_mnt_id}: the mount id, if {@code StatxMask.MNT_ID} is in the mask (5.8)} */
    public long mountId() {
        return segment.get(JAVA_LONG, MNT_ID);
    }

    private Instant timestamp(long offset) {
        return Instant.ofEpochSecond(segment.get(JAVA_LONG, offset),
                Integer.toUnsignedLong(segment.get(JAVA_INT, offset + TV_NSEC)));
    }

    @Override
    public String toString() {
        return "StatxResult[mask=0x" + Integer.toHexString(mask()) + ", type=" + type() + ", mode=0"
                + Integer.toOctalString(permissions()) + ", size=" + size() + ", ino=" + ino() + ", nlink=" + nlink() + "]";
    }
}
