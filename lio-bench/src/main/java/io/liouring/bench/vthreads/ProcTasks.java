package io.liouring.bench.vthreads;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * This process's threads as {@code /proc/self/task} lists them, read with the C library's {@code opendir(3)},
 * {@code open(2)}, {@code read(2)} and {@code close(2)}: not through {@code java.nio.file}, whose default provider is
 * the one under test in P8 (lio-nio's would read procfs through its ring and io-wq workers, which have no
 * {@code RWF_NOWAIT} for it, and charge that work to the provider), and not through {@code java.io}, whose streams
 * register with the JDK's common {@code Cleaner}, one monitor that 10 000 reading virtual threads keep busy.
 */
final class ProcTasks {
    private static final String TASKS = "/proc/self/task";
    private static final int O_RDONLY_CLOEXEC = 0x80000;
    /** {@code offsetof(struct dirent, d_name)} in glibc on 64-bit Linux: d_ino, d_off (8 each), d_reclen, d_type. */
    private static final long D_NAME = 19;

    private static final MethodHandle OPENDIR;
    private static final MethodHandle READDIR;
    private static final MethodHandle CLOSEDIR;
    private static final MethodHandle OPEN;
    private static final MethodHandle READ;
    private static final MethodHandle CLOSE;

    static {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        OPENDIR = linker.downcallHandle(libc.find("opendir").orElseThrow(), FunctionDescriptor.of(ADDRESS, ADDRESS));
        READDIR = linker.downcallHandle(libc.find("readdir").orElseThrow(), FunctionDescriptor.of(ADDRESS, ADDRESS));
        CLOSEDIR = linker.downcallHandle(libc.find("closedir").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        OPEN = linker.downcallHandle(libc.find("open").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        READ = linker.downcallHandle(libc.find("read").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
        CLOSE = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    private ProcTasks() {
    }

    /** {@return the thread ids now in {@code /proc/self/task}} */
    static List<String> ids() {
        List<String> ids = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dir = (MemorySegment) OPENDIR.invokeExact(arena.allocateFrom(TASKS));
            if (dir.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("cannot list " + TASKS);
            }
            try {
                for (MemorySegment entry = (MemorySegment) READDIR.invokeExact(dir); !entry.equals(MemorySegment.NULL);
                     entry = (MemorySegment) READDIR.invokeExact(dir)) {
                    String name = entry.reinterpret(D_NAME + 256).getString(D_NAME);
                    if (!name.startsWith(".")) {
                        ids.add(name);
                    }
                }
            } finally {
                int unused = (int) CLOSEDIR.invokeExact(dir); // nothing to undo if it fails
            }
        } catch (Throwable e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        return ids;
    }

    /**
     * {@return the first 4 KiB of {@code /proc/self/task/ID/FILE}, or {@code null} when it cannot be read (the
     * thread ended meanwhile)}
     */
    static String read(String id, String file) {
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(arena.allocateFrom(TASKS + "/" + id + "/" + file), O_RDONLY_CLOEXEC);
            if (fd < 0) {
                return null;
            }
            try {
                MemorySegment buffer = arena.allocate(4096);
                long n = (long) READ.invokeExact(fd, buffer, buffer.byteSize());
                return n < 0 ? null : new String(buffer.asSlice(0, n).toArray(JAVA_BYTE), StandardCharsets.US_ASCII);
            } finally {
                int unused = (int) CLOSE.invokeExact(fd); // nothing to undo if it fails
            }
        } catch (Throwable e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }
}
