package io.liouring.bench.harness;

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
 * What each kind of thread costs per operation in a JMH iteration, from {@code ThreadMXBean}'s per-thread counters:
 * <ul>
 *   <li>{@code worker.alloc.norm}, {@code loop.alloc.norm}, {@code other.alloc.norm}: bytes allocated per operation
 *       by the JMH worker threads ({@code *-jmh-worker-*}, the threads that run the benchmark method), by lio-uring
 *       event loop threads ({@code lio-loop*}) and by every other thread (JMH's own bookkeeping, JVM service
 *       threads). Unlike {@code -prof gc}'s JVM-wide {@code gc.alloc.rate.norm}, the first answers "does the measured
 *       code allocate".</li>
 *   <li>{@code worker.cpu.norm}: CPU nanoseconds per operation of the worker threads. Unlike the score, it does not
 *       grow when other processes take the CPU away, so it stays comparable on a busy machine.</li>
 * </ul>
 * Threads born during an iteration count from their birth (the workers are born in the first one, with the
 * {@code @Setup}): their allocation counts, their CPU time is not known (NaN). A worker that ends during an
 * iteration makes the worker figures NaN. Use with {@code -prof io.liouring.bench.harness.ThreadCostProfiler}.
 */
public final class ThreadCostProfiler implements InternalProfiler {
    private static final String WORKER = "-jmh-worker-";
    private static final String LOOP = "lio-loop";

    /** One thread's counters at one moment. */
    private record Counters(String name, long allocatedBytes, long cpuNanos) {
        boolean worker() {
            return name.contains(WORKER);
        }
    }

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private Map<Long, Counters> before = Map.of();

    @Override
    public String getDescription() {
        return "Bytes allocated per operation by the JMH workers, lio-uring loop threads and the rest; CPU time of the workers";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = snapshot();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        Map<Long, Counters> after = snapshot();
        long worker = 0;
        long loop = 0;
        long other = 0;
        long workerCpu = 0;
        boolean workerCpuKnown = true;
        for (Map.Entry<Long, Counters> e : after.entrySet()) {
            Counters now = e.getValue();
            Counters then = before.get(e.getKey());
            long bytes = now.allocatedBytes() - (then == null ? 0 : then.allocatedBytes());
            if (now.worker()) {
                worker += bytes;
                workerCpuKnown &= then != null && then.cpuNanos() >= 0 && now.cpuNanos() >= 0;
                workerCpu += then == null ? 0 : now.cpuNanos() - then.cpuNanos();
            } else if (now.name().startsWith(LOOP)) {
                loop += bytes;
            } else {
                other += bytes;
            }
        }
        boolean workersLost = before.entrySet().stream()
                .anyMatch(e -> e.getValue().worker() && !after.containsKey(e.getKey()));
        double ops = result.getMetadata().getAllOps();
        double workerBytesPerOp = workersLost ? Double.NaN : worker / ops;
        double workerCpuPerOp = workersLost || !workerCpuKnown ? Double.NaN : workerCpu / ops;
        return List.of(
                new ScalarResult("worker.alloc.norm", workerBytesPerOp, "B/op", AggregationPolicy.AVG),
                new ScalarResult("loop.alloc.norm", loop / ops, "B/op", AggregationPolicy.AVG),
                new ScalarResult("other.alloc.norm", other / ops, "B/op", AggregationPolicy.AVG),
                new ScalarResult("worker.cpu.norm", workerCpuPerOp, "ns/op", AggregationPolicy.AVG));
    }

    /** Every live thread's counters; threads that end while they are read are left out. */
    private Map<Long, Counters> snapshot() {
        long[] ids = threads.getAllThreadIds();
        long[] allocated = threads.getThreadAllocatedBytes(ids);
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        Map<Long, Counters> m = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && allocated[i] >= 0) {
                m.put(ids[i], new Counters(infos[i].getThreadName(), allocated[i], threads.getThreadCpuTime(ids[i])));
            }
        }
        return m;
    }
}
