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
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Bytes allocated by the benchmark's own threads (JMH's {@code *-jmh-worker-*}) per operation, as
 * {@code worker.alloc.norm}. Unlike {@code -prof gc}'s {@code gc.alloc.rate.norm}, which divides the whole
 * JVM's allocation (including the harness's per-iteration bookkeeping on other threads) by the operations,
 * this answers "does the measured code allocate". Use with {@code -prof io.liouring.bench.WorkerAllocProfiler}.
 */
public final class WorkerAllocProfiler implements InternalProfiler {
    private static final String WORKER = "-jmh-worker-";

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private long[] workers = new long[0];
    private long[] before = new long[0];

    @Override
    public String getDescription() {
        return "Bytes allocated by the JMH worker threads per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        workers = findWorkers();
        before = allocated(workers);
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        if (workers.length == 0) {
            // Workers start with the first iteration: count from their birth (this includes the @Setup).
            workers = findWorkers();
            before = new long[workers.length];
        }
        long[] after = allocated(workers);
        long bytes = 0;
        boolean known = workers.length > 0;
        for (int i = 0; i < workers.length; i++) {
            if (after[i] < 0 || before[i] < 0) {
                known = false; // a worker died: measure afresh next time
                workers = new long[0];
                break;
            }
            bytes += after[i] - before[i];
        }
        long ops = result.getMetadata().getAllOps();
        return List.of(
                new ScalarResult("worker.alloc.norm", !known || ops == 0 ? Double.NaN : (double) bytes / ops, "B/op",
                        AggregationPolicy.AVG),
                new ScalarResult("worker.alloc.bytes", bytes, "B", AggregationPolicy.SUM));
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
        return ids.length == 0 ? new long[0] : Arrays.copyOf(threads.getThreadAllocatedBytes(ids), ids.length);
    }
}
