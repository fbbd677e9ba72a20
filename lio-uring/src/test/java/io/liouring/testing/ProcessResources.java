package io.liouring.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Test support: what the process holds that a leak would grow (descriptors, io_uring mappings, resident memory),
 * read from {@code /proc/self}, and the JDK's count of automatic-{@code Arena} allocations, by which a test waits
 * for the garbage collector to free them. That count (the "direct" buffer pool) sees direct buffers and
 * {@code Arena.ofAuto()} segments only: on JDK 25 confined, shared and global arenas, which the library's rings and
 * event loops use, leave it at 0, so it cannot show a leak of theirs. Native Memory Tracking sees every arena
 * ({@link NativeMemoryTracking}, in a child JVM).
 *
 * <p>{@code java.lang.management} is reached by reflection: the tests are compiled into the {@code io.liouring}
 * module, which does not read {@code java.management}, but they run on the class path, which reads everything.
 */
public final class ProcessResources {
    /** The open descriptors and io_uring mappings of the process at one moment. */
    public record Snapshot(long fds, long ringMappings) {
    }

    private ProcessResources() {
    }

    /** Entries of {@code /proc/self/fd} (the listing itself opens one, at every call alike). */
    public static long openFds() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of {@code /proc/self/maps} that map an io_uring instance (its SQ/CQ rings and SQE array). */
    public static long ringMappings() {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.filter(line -> line.contains("io_uring")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resident memory of the process ({@code VmRSS} in {@code /proc/self/status}), in bytes. */
    public static long residentBytes() {
        try (Stream<String> status = Files.lines(Path.of("/proc/self/status"))) {
            String line = status.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no VmRSS in /proc/self/status"));
            return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The inode of the socket {@code fd} refers to: its {@code /proc/self/fd} link reads {@code socket:[inode]}. */
    public static long socketInode(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            if (!target.startsWith("socket:[") || !target.endsWith("]")) {
                throw new IllegalArgumentException("fd " + fd + " is not a socket: " + target);
            }
            return Long.parseLong(target.substring("socket:[".length(), target.length() - 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The inodes of the AF_UNIX and TCP sockets of this network namespace that a file still holds
     * ({@code /proc/net/unix}, {@code /proc/net/tcp}, {@code /proc/net/tcp6}). A socket whose last file reference
     * is gone drops out, or stays listed with inode 0 while TCP finishes with it (FIN_WAIT, TIME_WAIT).
     */
    public static Set<Long> liveSocketInodes() {
        Set<Long> inodes = new HashSet<>();
        addInodes(Path.of("/proc/net/unix"), 6, inodes);
        addInodes(Path.of("/proc/net/tcp"), 9, inodes);
        addInodes(Path.of("/proc/net/tcp6"), 9, inodes);
        inodes.remove(0L);
        return inodes;
    }

    private static void addInodes(Path table, int column, Set<Long> inodes) {
        if (!Files.exists(table)) {
            return;
        }
        try (Stream<String> lines = Files.lines(table)) {
            lines.skip(1).map(line -> line.trim().split("\\s+")).filter(fields -> fields.length > column)
                    .forEach(fields -> inodes.add(Long.parseLong(fields[column])));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Snapshot snapshot() {
        return new Snapshot(openFds(), ringMappings());
    }

    /**
     * Live direct buffers and automatic-{@code Arena} segments (the "direct" {@code BufferPoolMXBean}'s count);
     * confined, shared and global arenas are not counted.
     */
    public static long automaticArenaAllocations() {
        try {
            Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
            Class<?> bean = Class.forName("java.lang.management.BufferPoolMXBean");
            for (Object pool : (List<?>) factory.getMethod("getPlatformMXBeans", Class.class).invoke(null, bean)) {
                if ("direct".equals(bean.getMethod("getName").invoke(pool))) {
                    return (long) bean.getMethod("getCount").invoke(pool);
                }
            }
            throw new IllegalStateException("no direct buffer pool");
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("java.management is needed to read the direct buffer pool", e);
        }
    }

    /**
     * Collects garbage until automatic arenas that are no longer reachable have been freed: their allocation count
     * has not fallen for three rounds in a row (or 5 s pass).
     */
    public static void collectGarbage() {
        collect(Long.MIN_VALUE, 5_000);
    }

    /**
     * Collects garbage until at most {@code allocations} automatic-arena allocations are live (or 10 s pass): the
     * cleaner thread that frees automatic arenas may lag behind on a busy machine.
     */
    public static void collectGarbageUntil(long allocations) {
        collect(allocations, 10_000);
    }

    private static void collect(long target, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        long previous = Long.MAX_VALUE;
        int steady = 0;
        while (System.nanoTime() < deadline) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = automaticArenaAllocations();
            if (now <= target) {
                return;
            }
            steady = now >= previous ? steady + 1 : 0;
            if (target == Long.MIN_VALUE && steady >= 3) {
                return;
            }
            previous = Math.min(previous, now);
        }
    }
}
