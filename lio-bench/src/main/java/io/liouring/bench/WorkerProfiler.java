package io.liouring.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What the benchmark's own threads (JMH's {@code *-jmh-worker-*}) spend per operation:
 * <ul>
 *   <li>{@code worker.alloc.norm}: bytes allocated. Unlike {@code -prof gc}'s {@code gc.alloc.rate.norm}, which
 *       divides the whole JVM's allocation (including the harness's per-iteration bookkeeping on other threads)
 *       by the operations, this answers "does the measured code allocate".</li>
 *   <li>{@code worker.cpu.norm}: CPU time in nanoseconds. Unlike the score, it does not grow when other
 *       processes take the CPU away, so it stays comparable on a busy machine.</li>
 * </ul>
 * Use with {@code -prof io.liouring.bench.WorkerProfiler}.
 */
public final class WorkerProfiler implements InternalProfiler {
    private static final String WORKER = "-jmh-worker-";

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private long[] workers = new long[0];
    private long[] allocatedBefore = new long[0];
    private long[] cpuBefore = new long[0];

    @Override
    public String getDescription() {
        return "Bytes allocated and CPU time used by the JMH worker threads per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        workers = findWorkers();
        allocatedBefore = allocated(workers);
        cpuBefore = cpu(workers);
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        boolean fromBirth = workers.length == 0;
        if (fromBirth) {
            // Workers start with the first iteration: count from their birth (this includes the @Setup).
            workers = findWorkers();
            allocatedBefore = new long[workers.length];
            cpuBefore = new long[workers.length];
        }
        long[] allocatedAfter = allocated(workers);
        long[] cpuAfter = cpu(workers);
        long bytes = 0;
        long cpuNanos = 0;
        boolean known = workers.length > 0;
        for (int i = 0; i < workers.length && known; i++) {
            if (allocatedAfter[i] < 0 || cpuAfter[i] < 0 || allocatedBefore[i] < 0 || cpuBefore[i] < 0) {
                known = false; // a worker died: find the workers afresh next time
                workers = new long[0];
            } else {
                bytes += allocatedAfter[i] - allocatedBefore[i];
                cpuNanos += cpuAfter[i] - cpuBefore[i];
            }
        }
        long ops = result.getMetadata().getAllOps();
        boolean valid = known && ops > 0;
        return List.of(
                new ScalarResult("worker.alloc.norm", valid ? (double) bytes / ops : Double.NaN, "B/op",
                        AggregationPolicy.AVG),
                new ScalarResult("worker.alloc.bytes", bytes, "B", AggregationPolicy.SUM),
                new ScalarResult("worker.cpu.norm", valid && !fromBirth ? (double) cpuNanos / ops : Double.NaN,
                        "ns/op", AggregationPolicy.AVG));
    }

    private long[] findWorkers() {
        if (workers.length > 0) {
            return workers;
        }
        List<Long> ids = new ArrayList<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(WORKER)) {
                ids.add(info.getThreadId());
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private long[] allocated(long[] ids) {
        return ids.length == 0 ? new long[0] : threads.getThreadAllocatedBytes(ids);
    }

    private long[] cpu(long[] ids) {
        long[] nanos = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            nanos[i] = threads.getThreadCpuTime(ids[i]);
        }
        return nanos;
    }
}
