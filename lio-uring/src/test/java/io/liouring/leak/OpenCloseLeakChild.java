package io.liouring.leak;

import io.liouring.LioUring;
import io.liouring.testing.NativeMemoryTracking;
import io.liouring.testing.ProcessResources;

/**
 * Run in a child JVM with {@code -XX:NativeMemoryTracking=summary} by {@link OpenCloseLeakSoak}: {@code args[0]}
 * open/close cycles after a warm-up, then prints, before and after, the descriptors, io_uring mappings, the JDK's
 * count of native {@code Arena} memory and Native Memory Tracking's malloc total (read with {@code jcmd} on itself).
 */
public final class OpenCloseLeakChild {
    private OpenCloseLeakChild() {
    }

    public static void main(String[] args) throws Exception {
        int cycles = Integer.parseInt(args[0]);
        try (var ring = new LioUring(8)) {
            OpenCloseCycles.run(ring, 50_000, true);
            NativeMemoryTracking.read(); // the first jcmd starts the JVM's attach listener, which keeps a socket open
            ProcessResources.collectGarbage();
            long allocations = ProcessResources.nativeAllocations();
            print("before");
            long start = System.nanoTime();
            OpenCloseCycles.run(ring, cycles, true);
            System.out.println("seconds=" + (System.nanoTime() - start) / 1_000_000_000L);
            ProcessResources.collectGarbageUntil(allocations);
            print("after");
        }
        System.out.flush();
    }

    private static void print(String when) {
        ProcessResources.Snapshot snapshot = ProcessResources.snapshot();
        System.out.println(when + ".fds=" + snapshot.fds());
        System.out.println(when + ".mappings=" + snapshot.ringMappings());
        System.out.println(when + ".nativeAllocations=" + ProcessResources.nativeAllocations());
        System.out.println(when + ".nativeBytes=" + ProcessResources.nativeBytes());
        System.out.println(when + ".mallocKB=" + NativeMemoryTracking.read().mallocKB());
    }
}
