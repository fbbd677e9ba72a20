package io.liouring.leak;

import io.liouring.testing.NativeMemoryTracking;
import io.liouring.testing.ProcessResources;

/**
 * Run in a child JVM with {@code -XX:NativeMemoryTracking=summary} by {@link LeakCheck}. {@code args}: a {@link
 * LeakWorkload} name and a number of cycles. After {@value #WARM_UP} cycles of warm-up (so the JIT compiler's own
 * memory has mostly settled), prints a {@link LeakReading} before and after the measured cycles (once the garbage
 * collector has freed the automatic arenas of the operations), how long they took and the requests they left
 * unfinished, as {@code key=value} lines.
 */
public final class LeakChild {
    static final int WARM_UP = 50_000;

    private LeakChild() {
    }

    public static void main(String[] args) throws Exception {
        LeakWorkload workload = LeakWorkload.valueOf(args[0]);
        int cycles = Integer.parseInt(args[1]);
        try (LeakWorkload.Running running = workload.start()) {
            running.run(WARM_UP);
            NativeMemoryTracking.read(); // the first jcmd starts the JVM's attach listener, which keeps a socket open
            ProcessResources.collectGarbage();
            long automaticBefore = ProcessResources.automaticArenaAllocations();
            LeakReading.now().print("before");
            long start = System.nanoTime();
            running.run(cycles);
            System.out.println("millis=" + (System.nanoTime() - start) / 1_000_000L);
            ProcessResources.collectGarbageUntil(automaticBefore);
            ProcessResources.collectGarbage(); // the heap as settled as at the first reading
            System.out.println("unfinished=" + running.unfinished());
            LeakReading.now().print("after");
        }
        System.out.flush();
    }
}
