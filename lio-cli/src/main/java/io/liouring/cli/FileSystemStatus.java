package io.liouring.cli;

import io.liouring.PathBytes;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Map;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The status of the file system a file is on, for {@code lio stat -f}: {@code statfs(2)}. io_uring has no
 * operation for it, so it is a plain system call (a downcall into the C library, made only by {@code stat -f}).
 *
 * @param name            the name given
 * @param type            the file system's magic number ({@code f_type}), named by {@link #typeName()}
 * @param blockSize       the optimal transfer block size ({@code f_bsize})
 * @param blocks          data blocks in all ({@code f_blocks}), in units of {@link #fragmentSize()}
 * @param freeBlocks      free blocks ({@code f_bfree})
 * @param availableBlocks free blocks that an unprivileged user may use ({@code f_bavail})
 * @param files           file nodes in all ({@code f_files})
 * @param freeFiles       free file nodes ({@code f_ffree})
 * @param id              the file system ID ({@code f_fsid}), its two words as stat joins them
 * @param nameMax         the longest file name ({@code f_namelen})
 * @param fragmentSize    the fundamental block size ({@code f_frsize})
 */
@SuppressWarnings("restricted") // native access is what this class is for; ./lio enables it
record FileSystemStatus(String name, long type, long blockSize, long blocks, long freeBlocks, long availableBlocks,
                        long files, long freeFiles, long id, long nameMax, long fragmentSize) {

    /** {@code struct statfs} of 64-bit Linux: eleven 8-byte words with {@code f_fsid} (two ints) as the 8th. */
    private static final long SIZE = 120;

    /**
     * What {@code stat -f %T} says for the common file systems, by magic number (from {@code statfs(2)} and
     * {@code <linux/magic.h>}); others are {@code UNKNOWN (0x...)}, as stat says of those it does not know.
     */
    private static final Map<Long, String> TYPE_NAMES = Map.ofEntries(
            Map.entry(0xEF53L, "ext2/ext3"), Map.entry(0x01021994L, "tmpfs"), Map.entry(0x9FA0L, "proc"),
            Map.entry(0x62656572L, "sysfs"), Map.entry(0x1CD1L, "devpts"), Map.entry(0x63677270L, "cgroup2fs"),
            Map.entry(0x27E0EBL, "cgroupfs"), Map.entry(0x9123683EL, "btrfs"), Map.entry(0x58465342L, "xfs"),
            Map.entry(0x794C7630L, "overlayfs"), Map.entry(0x6969L, "nfs"), Map.entry(0x73717368L, "squashfs"),
            Map.entry(0x858458F6L, "ramfs"), Map.entry(0x64626720L, "debugfs"), Map.entry(0x74726163L, "tracefs"),
            Map.entry(0x73636673L, "securityfs"), Map.entry(0xCAFE4A11L, "bpf_fs"), Map.entry(0x958458F6L, "hugetlbfs"),
            Map.entry(0x19800202L, "mqueue"), Map.entry(0x0187L, "autofs"), Map.entry(0x42494E4DL, "binfmt_misc"),
            Map.entry(0x6E736673L, "nsfs"), Map.entry(0x9660L, "isofs"), Map.entry(0x2FC12FC1L, "zfs"),
            Map.entry(0x65735546L, "fuseblk"), Map.entry(0x65735543L, "fusectl"), Map.entry(0x4D44L, "msdos"),
            Map.entry(0xF2F52010L, "f2fs"), Map.entry(0x01021997L, "v9fs"));

    /** What {@code %T} prints: the file system type's name. */
    String typeName() {
        String known = TYPE_NAMES.get(type);
        return known != null ? known : "UNKNOWN (0x" + Long.toHexString(type) + ")";
    }

    /** The handles, created on first use (class initialisation is lazy and thread-safe). */
    private static final class Calls {
        static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle STATFS;

        static {
            Linker linker = Linker.nativeLinker();
            MemorySegment symbol = linker.defaultLookup().find("statfs")
                    .orElseThrow(() -> new IllegalStateException("C library function not found: statfs"));
            STATFS = linker.downcallHandle(symbol, FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS),
                    Linker.Option.captureCallState("errno"));
        }
    }

    /** The result of {@link #of}: the status, or the errno of the failure. */
    record Result(FileSystemStatus status, int errno) {
    }

    /** {@code statfs(path)} for the operand {@code name}. */
    static Result of(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(SIZE, 8);
            MemorySegment state = arena.allocate(Calls.CAPTURE);
            int r = (int) Calls.STATFS.invokeExact(state, PathBytes.cString(arena, FileNames.path(name), "name"), buffer);
            if (r != 0) {
                return new Result(null, (int) Calls.ERRNO.get(state, 0L));
            }
            long id = (Integer.toUnsignedLong(buffer.get(JAVA_INT, 56)) << 32)
                    | Integer.toUnsignedLong(buffer.get(JAVA_INT, 60));
            return new Result(new FileSystemStatus(name, word(buffer, 0), word(buffer, 1), word(buffer, 2),
                    word(buffer, 3), word(buffer, 4), word(buffer, 5), word(buffer, 6), id, word(buffer, 8),
                    word(buffer, 9)), 0);
        } catch (Throwable t) {
            throw new IllegalStateException("statfs failed", t);
        }
    }

    private static long word(MemorySegment buffer, int index) {
        return buffer.get(JAVA_LONG, index * 8L);
    }
}
