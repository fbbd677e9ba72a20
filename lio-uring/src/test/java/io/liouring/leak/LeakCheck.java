package io.liouring.leak;

import io.liouring.testing.ChildJvm;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a {@link LeakWorkload} in a child JVM with Native Memory Tracking ({@link LeakChild}) and asserts it left
 * nothing behind: descriptors and io_uring mappings exactly as before, no request unfinished, at most {@value
 * #ALLOCATIONS} more {@code Arena} allocations (NMT's count of all of them, and the JDK's of automatic ones), and
 * NMT's {@code Arena} memory and malloc total (outside HotSpot's chunk pool) each grown by at most {@value
 * #BYTES_PER_CYCLE} bytes a cycle. A leak of one native allocation a cycle, however small, breaks the count; a leak
 * of more than 8 bytes a cycle anywhere in malloc'd memory breaks the byte bounds.
 */
final class LeakCheck {
    static final int ALLOCATIONS = 16;
    static final int BYTES_PER_CYCLE = 8;

    private LeakCheck() {
    }

    static void assertNothingLeaks(LeakWorkload workload, int cycles, long timeoutSeconds) {
        ChildJvm.Result child = ChildJvm.run(LeakChild.class, List.of("-XX:NativeMemoryTracking=summary", "-Xmx256m"),
                timeoutSeconds, workload.name(), Integer.toString(cycles));
        assertEquals(0, child.exitCode(), child.output());
        LeakReading before = LeakReading.printedBy(child, "before");
        LeakReading after = LeakReading.printedBy(child, "after");
        long boundKB = (long) cycles * BYTES_PER_CYCLE / 1024;
        System.out.printf("%s, %,d cycles in %s ms: descriptors %d -> %d, io_uring mappings %d -> %d, unfinished %s;"
                        + " Arena memory (NMT) %d KB in %d allocations -> %d KB in %d (automatic arenas %d -> %d);"
                        + " NMT malloc %d KB -> %d KB; bounds: +%d allocations, +%d KB%n",
                workload, cycles, child.value("millis"), before.fds(), after.fds(), before.ringMappings(),
                after.ringMappings(), child.value("unfinished"), before.arenaKB(), before.arenaAllocations(),
                after.arenaKB(), after.arenaAllocations(), before.automaticArenaAllocations(),
                after.automaticArenaAllocations(), before.mallocKB(), after.mallocKB(), ALLOCATIONS, boundKB);
        assertAll(
                () -> assertEquals(before.fds(), after.fds(), "descriptors"),
                () -> assertEquals(before.ringMappings(), after.ringMappings(), "io_uring mappings"),
                () -> assertEquals("0", child.value("unfinished"), "requests left unfinished"),
                () -> assertGrewAtMost(ALLOCATIONS, before.arenaAllocations(), after.arenaAllocations(),
                        "Arena allocations (NMT)"),
                () -> assertGrewAtMost(ALLOCATIONS, before.automaticArenaAllocations(),
                        after.automaticArenaAllocations(), "automatic-Arena allocations (JDK)"),
                () -> assertGrewAtMost(boundKB, before.arenaKB(), after.arenaKB(), "Arena memory (NMT), KB"),
                () -> assertGrewAtMost(boundKB, before.mallocKB(), after.mallocKB(),
                        "NMT malloc outside HotSpot's chunk pool, KB"));
    }

    private static void assertGrewAtMost(long bound, long before, long after, String what) {
        assertTrue(after - before <= bound, what + " grew by " + (after - before) + " (" + before + " -> " + after
                + "), more than " + bound);
    }
}
