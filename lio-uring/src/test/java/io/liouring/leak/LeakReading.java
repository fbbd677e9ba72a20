package io.liouring.leak;

import io.liouring.testing.ChildJvm;
import io.liouring.testing.NativeMemoryTracking;
import io.liouring.testing.ProcessResources;

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

    static LeakReading now() {
        ProcessResources.Snapshot snapshot = ProcessResources.snapshot();
        long automatic = ProcessResources.automaticArenaAllocations();
        NativeMemoryTracking.Summary nmt = NativeMemoryTracking.read();
        return new LeakReading(snapshot.fds(), snapshot.ringMappings(), automatic, nmt.mallocOutsideChunkPoolKB(),
                nmt.otherKB(), nmt.otherAllocations());
    }

    void print(String when) {
        System.out.println(when + ".fds=" + fds);
        System.out.println(when + ".ringMappings=" + ringMappings);
        System.out.println(when + ".automaticArenaAllocations=" + automaticArenaAllocations);
        System.out.println(when + ".mallocKB=" + mallocKB);
        System.out.println(when + ".arenaKB=" + arenaKB);
        System.out.println(when + ".arenaAllocations=" + arenaAllocations);
    }

    static LeakReading printedBy(ChildJvm.Result child, String when) {
        return new LeakReading(value(child, when + ".fds"), value(child, when + ".ringMappings"),
                value(child, when + ".automaticArenaAllocations"), value(child, when + ".mallocKB"),
                value(child, when + ".arenaKB"), value(child, when + ".arenaAllocations"));
    }

    private static long value(ChildJvm.Result child, String key) {
        return Long.parseLong(child.value(key));
    }
}
