package io.liouring.stress;

import io.liouring.testing.ChildJvm;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a race in a child JVM with Native Memory Tracking ({@link RaceSoakChild}), prints a one-line summary and
 * asserts: no failure, nothing left in flight, descriptors, io_uring mappings and sockets back where they were, and
 * native memory flat — NMT's {@code Arena} memory (every FFM arena) at most {@value #ARENA_ALLOCATIONS} allocations
 * and {@value #ARENA_KB} KB more, automatic arenas at most {@value #ARENA_ALLOCATIONS} more, NMT's malloc total
 * outside HotSpot's chunk pool at most {@value #MALLOC_KB_PER_THOUSAND_LIVES} KB more per thousand lives (each life
 * makes a dozen requests and threads, so a leak of one small allocation per request or per life breaks it).
 *
 * <p>Sizes: {@code -Dlio.soak.lives}, {@code -Dlio.soak.slots}, {@code -Dlio.soak.maxChunk}, {@code -Dlio.soak.seed}
 * (default: a fresh one, printed).
 */
final class RaceSoak {
    static final int ARENA_ALLOCATIONS = 16;
    static final int ARENA_KB = 1024;
    static final int MALLOC_KB_PER_THOUSAND_LIVES = 64;

    private RaceSoak() {
    }

    static void run(String kind, int defaultLives, int defaultMaxChunk) {
        int lives = Integer.getInteger("lio.soak.lives", defaultLives);
        int slots = Integer.getInteger("lio.soak.slots", 8);
        int maxChunk = Integer.getInteger("lio.soak.maxChunk", defaultMaxChunk);
        long seed = Long.getLong("lio.soak.seed", System.nanoTime());
        long guardSeconds = 60;
        long timeout = 1800 + lives / 10;
        ChildJvm.Result child = ChildJvm.run(RaceSoakChild.class,
                List.of("-XX:NativeMemoryTracking=summary", "-Xmx512m"), timeout,
                kind, Integer.toString(lives), Integer.toString(slots), Integer.toString(maxChunk), Long.toString(seed),
                Long.toString(guardSeconds));
        if (child.exitCode() != 0) {
            System.out.println(child.output());
        }
        assertEquals(0, child.exitCode(), child.output());
        long millis = value(child, "millis");
        long malloc = value(child, "after.mallocKB") - value(child, "before.mallocKB");
        long arenaKB = value(child, "after.arenaKB") - value(child, "before.arenaKB");
        long arenaCount = value(child, "after.arenaAllocations") - value(child, "before.arenaAllocations");
        long automatic = value(child, "after.automaticArenaAllocations") - value(child, "before.automaticArenaAllocations");
        long fdsBefore = value(child, "before.fds");
        long fdsAfter = value(child, "after.fds");
        long failures = value(child, "FAILURES");
        long leftovers = value(child, "leftovers");
        long mallocBound = Math.max(4096, (long) lives * MALLOC_KB_PER_THOUSAND_LIVES / 1000);
        int leaks = (fdsAfter != fdsBefore ? 1 : 0) + (int) leftovers
                + (value(child, "after.ringMappings") != value(child, "before.ringMappings") ? 1 : 0)
                + (arenaCount > ARENA_ALLOCATIONS || arenaKB > ARENA_KB ? 1 : 0)
                + (automatic > ARENA_ALLOCATIONS ? 1 : 0) + (malloc > mallocBound ? 1 : 0);
        String summary = kind.equals("SOCKET")
                ? String.format("socket close race soak (seed %d, %d slots, writes up to %,d bytes): %,d lives (%,d TCP,"
                        + " %,d AF_UNIX) in %.0f s; %,d bytes checked; %,d closes raced (%,d on the loop thread),"
                        + " %,d cancels raced; %,d descriptor numbers reused; %,d futures checked released",
                seed, slots, maxChunk, value(child, "LIVES"), value(child, "TCP_LIVES"), value(child, "UNIX_LIVES"),
                millis / 1000.0, value(child, "BYTES_CHECKED"), value(child, "CLOSES_RACED"),
                value(child, "LOOP_THREAD_CLOSES"), value(child, "CANCELS_RACED"), value(child, "FDS_REUSED"),
                value(child, "FUTURES"))
                : String.format("file close race soak (seed %d, %d slots, blocks up to %,d bytes): %,d lives (%,d files,"
                        + " %,d pipes) in %.0f s; %,d bytes checked; %,d closes raced (%,d on the loop thread),"
                        + " %,d cancels raced, %,d transfers cut short; %,d descriptor numbers reused; %,d futures"
                        + " checked released",
                seed, slots, maxChunk, value(child, "LIVES"), value(child, "FILE_LIVES"), value(child, "PIPE_LIVES"),
                millis / 1000.0, value(child, "BYTES_CHECKED"), value(child, "CLOSES_RACED"),
                value(child, "LOOP_THREAD_CLOSES"), value(child, "CANCELS_RACED"), value(child, "TRANSFERS_CUT"),
                value(child, "FDS_REUSED"), value(child, "FUTURES"));
        System.out.printf("%s; descriptors %d -> %d, io_uring mappings %d -> %d, %d requests in flight; Arena memory"
                        + " (NMT) %d KB in %d allocations -> %d KB in %d; NMT malloc %+d KB (bound %d); failures: %d;"
                        + " leaks found: %d%n",
                summary, fdsBefore, fdsAfter, value(child, "before.ringMappings"), value(child, "after.ringMappings"),
                value(child, "inFlight"), value(child, "before.arenaKB"), value(child, "before.arenaAllocations"),
                value(child, "after.arenaKB"), value(child, "after.arenaAllocations"), malloc, mallocBound, failures,
                leaks);
        List<String> reported = child.output().lines().filter(l -> l.startsWith("failure: ") || l.startsWith("leftover: "))
                .toList();
        assertAll(
                () -> assertEquals(List.of(), reported, "failures and leftovers"),
                () -> assertEquals(0, failures, "failures"),
                () -> assertEquals(0, leftovers, "leftovers"),
                () -> assertEquals(0, value(child, "inFlight"), "requests in flight"),
                () -> assertEquals(fdsBefore, fdsAfter, "descriptors"),
                () -> assertEquals(value(child, "before.ringMappings"), value(child, "after.ringMappings"),
                        "io_uring mappings"),
                () -> assertTrue(arenaCount <= ARENA_ALLOCATIONS, "Arena allocations (NMT) grew by " + arenaCount),
                () -> assertTrue(arenaKB <= ARENA_KB, "Arena memory (NMT) grew by " + arenaKB + " KB"),
                () -> assertTrue(automatic <= ARENA_ALLOCATIONS, "automatic-arena allocations grew by " + automatic),
                () -> assertTrue(malloc <= mallocBound, "NMT malloc grew by " + malloc + " KB, more than " + mallocBound),
                () -> assertTrue(value(child, "BYTES_CHECKED") > 0, "bytes checked"));
    }

    private static long value(ChildJvm.Result child, String key) {
        return Long.parseLong(child.value(key));
    }
}
