package io.liouring.bench.storage;

import io.liouring.bench.harness.ProcessCpuClock;
import java.io.IOException;

/**
 * How long one file copy of benchmark P7 took: wall-clock nanoseconds, and the CPU nanoseconds (user + system) of
 * whoever did the copy.
 */
record CopyTiming(long wallNanos, long cpuNanos) {

    /** A copy that may fail with an I/O error. */
    @FunctionalInterface
    interface Action {
        void run() throws IOException;
    }

    /**
     * Times {@code action} run in this process: wall clock, and this process's CPU time — every thread, so the
     * event loop's and io_uring's io-wq workers' time too, and whatever the JIT or GC spent meanwhile.
     */
    static CopyTiming inProcess(Action action) throws IOException {
        long cpu = ProcessCpuClock.nanos();
        long start = System.nanoTime();
        action.run();
        long wall = System.nanoTime() - start;
        return new CopyTiming(wall, ProcessCpuClock.nanos() - cpu);
    }
}
