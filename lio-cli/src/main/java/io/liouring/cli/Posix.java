package io.liouring.cli;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The few C library calls the tool needs that Java has no API for: {@code isatty(3)} (is stderr a terminal,
 * for the progress bar) and the user and group databases ({@code getpwuid(3)}, {@code getgrgid(3)}, through
 * NSS like {@code stat(1)} does) for {@code %U} and {@code %G}.
 */
final class Posix {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle ISATTY = downcall("isatty", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle GETPWUID = downcall("getpwuid", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final MethodHandle GETGRGID = downcall("getgrgid", FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Posix() {
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new IllegalStateException("C library function not found: " + name));
        return LINKER.downcallHandle(symbol, descriptor);
    }

    /** Whether {@code fd} is a terminal. */
    static boolean isTerminal(int fd) {
        try {
            return (int) ISATTY.invokeExact(fd) == 1;
        } catch (Throwable t) {
            throw new IllegalStateException("isatty failed", t);
        }
    }

    /** The name of user {@code uid}, or {@code null} if the user database has none. */
    static String userName(int uid) {
        try {
            return firstString((MemorySegment) GETPWUID.invokeExact(uid));
        } catch (Throwable t) {
            throw new IllegalStateException("getpwuid failed", t);
        }
    }

    /** The name of group {@code gid}, or {@code null} if the group database has none. */
    static String groupName(int gid) {
        try {
            return firstString((MemorySegment) GETGRGID.invokeExact(gid));
        } catch (Throwable t) {
            throw new IllegalStateException("getgrgid failed", t);
        }
    }

    /** {@code struct passwd} and {@code struct group} both start with the name ({@code char *}). */
    private static String firstString(MemorySegment struct) {
        if (struct.equals(MemorySegment.NULL)) {
            return null;
        }
        MemorySegment name = struct.reinterpret(ADDRESS.byteSize()).get(ADDRESS, 0);
        return name.equals(MemorySegment.NULL) ? null : name.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
