package io.liouring.bench.alloc;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bytes allocated per operation during each iteration, split by thread: {@code alloc.worker} (the JMH worker
 * threads, i.e. the submitting threads), {@code alloc.loop} (lio-uring event loop threads, named
 * {@code lio-loop-*}) and {@code alloc.other} (everything else: JMH's own bookkeeping, JVM service threads).
 * From {@code ThreadMXBean.getThreadAllocatedBytes}, exact per thread, unlike {@code -prof gc}'s JVM-wide figure.
 * Use with {@code -prof io.liouring.bench.alloc.ThreadAllocProfiler}.
 */
public final class ThreadAllocProfiler implements InternalProfiler {
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private Map<Long, Long> before = Map.of();
    private Map<Long, String> names = Map.of();

    @Override
    public String getDescription() {
        return "Bytes allocated per operation by the JMH workers, the lio-uring loop threads and the rest";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        snapshot();
        before = allocated();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        Map<Long, Long> after = allocated();
        if (names.isEmpty() || !names.keySet().containsAll(after.keySet())) {
            // Threads started during the iteration (the first one starts the workers): count them from zero.
            snapshot();
        }
        long worker = 0;
        long loop = 0;
        long other = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            long bytes = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            String name = names.getOrDefault(e.getKey(), "");
            if (name.contains("-jmh-worker-")) {
                worker += bytes;
            } else if (name.startsWith("lio-loop")) {
                loop += bytes;
            } else {
                other += bytes;
            }
        }
        double ops = result.getMetadata().getAllOps();
        return List.of(
                new ScalarResult("alloc.worker", worker / ops, "B/op", AggregationPolicy.AVG),
                new ScalarResult("alloc.loop", loop / ops, "B/op", AggregationPolicy.AVG),
                new ScalarResult("alloc.other", other / ops, "B/op", AggregationPolicy.AVG));
    }

    private void snapshot() {
        Map<Long, String> n = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                n.put(info.getThreadId(), info.getThreadName());
            }
        }
        names = n;
    }

    private Map<Long, Long> allocated() {
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> m = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                m.put(ids[i], bytes[i]);
            }
        }
        return m;
    }
}
