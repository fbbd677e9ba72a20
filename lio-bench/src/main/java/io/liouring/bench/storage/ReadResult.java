package io.liouring.bench.storage;

/**
 * One measured run of one contender: reads completed in the measured window, the window's length, latency
 * percentiles (submission to completion, nanoseconds) and the CPU time the contender's process used in the window.
 *
 * @param contender  what ran ("lio-uring", "fio io_uring", "FileChannel", ...)
 * @param threads    threads issuing reads (rings, fio jobs, FileChannel threads); 0 where a pool decides
 * @param depth      reads in flight per thread (1 for blocking calls)
 * @param cpuSeconds user + system CPU seconds over the window, or NaN if unknown
 */
record ReadResult(String contender, int threads, int depth, long reads, double seconds, long p50Nanos,
                  long p99Nanos, double cpuSeconds) {

    double iops() {
        return reads / seconds;
    }

    /** CPU microseconds per read: tells a CPU-bound contender from a device-bound one. */
    double cpuMicrosPerRead() {
        return cpuSeconds * 1e6 / reads;
    }
}
