package io.liouring.cli;

import io.liouring.PathBytes;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Setting a file's times, owner and mode, for {@code cp -p} and {@code cp -a}: {@code utimensat(2)},
 * {@code fchownat(2)} and {@code fchmodat(2)}. io_uring has no operation for any of them, so these are plain
 * system calls (downcalls into the C library), made only by the commands that preserve attributes. Each
 * returns 0 or {@code -errno}. The handles are made on first use.
 */
@SuppressWarnings("restricted") // native access is what this class is for; ./lio enables it
final class FileAttributes {
    /** {@code AT_SYMLINK_NOFOLLOW}: act on a symbolic link itself. */
    static final int SYMLINK_NOFOLLOW = 0x100;

    private static final int AT_FDCWD = -100;

    private FileAttributes() {
    }

    /** The handles, created when the first attribute is set (class initialisation is lazy and thread-safe). */
    private static final class Calls {
        static final Linker LINKER = Linker.nativeLinker();
        static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle UTIMENSAT = downcall("utimensat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        static final MethodHandle FCHOWNAT = downcall("fchownat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
        static final MethodHandle FCHMODAT = downcall("fchmodat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        static final MethodHandle GETEUID = LINKER.downcallHandle(
                LINKER.defaultLookup().find("geteuid").orElseThrow(), FunctionDescriptor.of(JAVA_INT));

        private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
            MemorySegment symbol = LINKER.defaultLookup().find(name)
                    .orElseThrow(() -> new IllegalStateException("C library function not found: " + name));
            return LINKER.downcallHandle(symbol, descriptor, Linker.Option.captureCallState("errno"));
        }
    }

    /**
     * {@code utimensat(AT_FDCWD, path, {atime, mtime}, flags)}: sets the access and modification times, to the
     * nanosecond.
     */
    static int setTimes(Path path, Instant atime, Instant mtime, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment times = arena.allocate(JAVA_LONG, 4); // struct timespec[2]
            times.setAtIndex(JAVA_LONG, 0, atime.getEpochSecond());
            times.setAtIndex(JAVA_LONG, 1, atime.getNano());
            times.setAtIndex(JAVA_LONG, 2, mtime.getEpochSecond());
            times.setAtIndex(JAVA_LONG, 3, mtime.getNano());
            MemorySegment state = arena.allocate(Calls.CAPTURE);
            int r = (int) Calls.UTIMENSAT.invokeExact(state, AT_FDCWD, cString(arena, path), times, flags);
            return r == 0 ? 0 : -(int) Calls.ERRNO.get(state, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("utimensat failed", t);
        }
    }

    /** {@code fchownat(AT_FDCWD, path, uid, gid, flags)}; {@code -1} leaves an id as it is. */
    static int setOwner(Path path, int uid, int gid, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CAPTURE);
            int r = (int) Calls.FCHOWNAT.invokeExact(state, AT_FDCWD, cString(arena, path), uid, gid, flags);
            return r == 0 ? 0 : -(int) Calls.ERRNO.get(state, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("fchownat failed", t);
        }
    }

    /** {@code fchmodat(AT_FDCWD, path, mode, 0)}: sets the permission bits, set-id and sticky bits included. */
    static int setMode(Path path, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Calls.CAPTURE);
            int r = (int) Calls.FCHMODAT.invokeExact(state, AT_FDCWD, cString(arena, path), mode, 0);
            return r == 0 ? 0 : -(int) Calls.ERRNO.get(state, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("fchmodat failed", t);
        }
    }

    /** Whether this process runs as root ({@code geteuid(2)}), which may give files away to other owners. */
    static boolean isRoot() {
        try {
            return (int) Calls.GETEUID.invokeExact() == 0;
        } catch (Throwable t) {
            throw new IllegalStateException("geteuid failed", t);
        }
    }

    /** The process's file mode creation mask, from {@code /proc/self/status} (reading it with umask(2) changes it). */
    static int umask() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) {
                    return Integer.parseInt(line.substring("Umask:".length()).trim(), 8);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the usual default
        }
        return 022;
    }

    private static MemorySegment cString(Arena arena, Path path) {
        return PathBytes.cString(arena, path, "path"); // the path's exact bytes
    }
}
