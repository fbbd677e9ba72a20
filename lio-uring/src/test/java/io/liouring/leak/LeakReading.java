package io.liouring.leak;

import io.liouring.testing.ChildJvm;
import io.liouring.testing.NativeMemoryTracking;
import io.liouring.testing.ProcessResources;

import java.util.List;

/**
 * What a leak would grow, read at one moment in the {@link LeakChild}. The child prints it as {@code when.key=value}
 * lines; the test reads it back from the child's output.
 *
 * @param fds                       open descriptors
 * @param ringMappings              io_uring mappings
 * @param automaticArenaAllocations the JDK's count of automatic-{@code Arena} allocations
 *                                  ({@link ProcessResources.automaticArenaAllocations()}: blind to other arenas)
 * @param mallocKB                  Native Memory Tracking's malloc total outside HotSpot's chunk pool
 * @param arenaKB                   NMT's "Other" tag: every {@code Arena} allocation, confined, shared, global or
 *                                  automatic ({@link NativeMemoryTracking})
 * @param arenaAllocations          the count of those
 */
record LeakReading(long fds, long ringMappings, long automaticArenaAllocations, long mallocKB, long arenaKB,
                   long arenaAllocations) {
    /** The {@code key}s of the printed lines, in the order of the components. */
    private static final List<String> KEYS =
            List.of("fds", "ringMappings", "automaticArenaAllocations", "mallocKB", "arenaKB", "arenaAllocations");

    static LeakReading now() {
        ProcessResources.Snapshot snapshot = ProcessResources.snapshot();
        long automatic = ProcessResources.automaticArenaAllocations();
        NativeMemoryTracking.Summary nmt = NativeMemoryTracking.read();
        return new LeakReading(snapshot.fds(), snapshot.ringMappings(), automatic, nmt.mallocOutsideChunkPoolKB(),
                nmt.otherKB(), nmt.otherAllocations());
    }

    void print(String when) {
        long[] values = {fds, ringMappings, automaticArenaAllocations, mallocKB, arenaKB, arenaAllocations};
        for (int i = 0; i < values.length; i++) {
            System.out.println(when + "." + KEYS.get(i) + "=" + values[i]);
        }
    }

    static LeakReading printedBy(ChildJvm.Result child, String when) {
        long[] v = KEYS.stream().mapToLong(key -> Long.parseLong(child.value(when + "." + key))).toArray();
        return new LeakReading(v[0], v[1], v[2], v[3], v[4], v[5]);
    }
}
