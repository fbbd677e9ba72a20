package io.liouring.bench.vthreads;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts this process's OS threads ({@code /proc/self/task}, read by {@link ProcTasks}; it includes the kernel's
 * io_uring worker threads {@code iou-wrk-*} and SQPOLL threads {@code iou-sqp-*}) every few milliseconds on a
 * platform thread, and keeps the peak of the total and of each kind.
 */
final class ThreadCensus implements AutoCloseable {
    /** Kinds of threads, by the kernel's (15-character) thread name. */
    enum Kind {
        /** Virtual-thread carriers: the JDK's ForkJoinPool workers. */
        CARRIER,
        /** lio-uring event loop threads. */
        LOOP,
        /** io_uring's async workers (io-wq), created by the kernel inside the process. */
        IO_WQ,
        /** io_uring SQPOLL threads. */
        SQPOLL,
        /** Everything else: the JVM's own (GC, JIT, signal handling, …), main, this census. */
        OTHER;

        static Kind of(String comm) {
            if (comm.startsWith("ForkJoinPool")) {
                return CARRIER;
            }
            if (comm.startsWith("lio-loop")) {
                return LOOP;
            }
            if (comm.startsWith("iou-wrk")) {
                return IO_WQ;
            }
            if (comm.startsWith("iou-sqp")) {
                return SQPOLL;
            }
            return OTHER;
        }
    }

    private final Thread thread;
    private final Map<Kind, Integer> peak = new LinkedHashMap<>();
    private volatile boolean stop;
    private int peakTotal;
    private int peakIo;
    private int samples;

    ThreadCensus(long periodMillis) {
        for (Kind k : Kind.values()) {
            peak.put(k, 0);
        }
        thread = Thread.ofPlatform().name("p5-census").daemon().start(() -> {
            while (!stop) {
                sample();
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Counts the threads now, by kind. */
    static Map<Kind, Integer> count() {
        Map<Kind, Integer> now = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            now.put(k, 0);
        }
        for (String id : ProcTasks.ids()) {
            String comm = ProcTasks.read(id, "comm");
            if (comm != null) { // else the thread ended meanwhile
                now.merge(Kind.of(comm.trim()), 1, Integer::sum);
            }
        }
        return now;
    }

    /**
     * {@return each live thread's CPU time so far, in nanoseconds, by thread id with its kind: the first field of
     * {@code /proc/self/task/TID/schedstat} (time spent on the CPU, see the kernel's sched-stats documentation)}
     */
    static Map<String, ThreadCpu> cpuByThread() {
        Map<String, ThreadCpu> now = new LinkedHashMap<>();
        for (String id : ProcTasks.ids()) {
            String comm = ProcTasks.read(id, "comm");
            String schedstat = ProcTasks.read(id, "schedstat");
            if (comm != null && schedstat != null) { // else the thread ended meanwhile
                long nanos = Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
                now.put(id, new ThreadCpu(Kind.of(comm.trim()), nanos));
            }
        }
        return now;
    }

    /**
     * {@return the CPU seconds each kind of thread used between two {@link #cpuByThread()} snapshots; a thread
     * started in between counts from 0, a thread that ended in between is missing (its share is lost)}
     */
    static Map<Kind, Double> cpuSecondsByKind(Map<String, ThreadCpu> before, Map<String, ThreadCpu> after) {
        Map<Kind, Double> seconds = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            seconds.put(k, 0.0);
        }
        after.forEach((tid, cpu) -> {
            ThreadCpu was = before.get(tid);
            long start = was != null && was.kind() == cpu.kind() ? was.nanos() : 0;
            seconds.merge(cpu.kind(), (cpu.nanos() - start) / 1e9, Double::sum);
        });
        return seconds;
    }

    /** One thread's kind and CPU nanoseconds so far. */
    record ThreadCpu(Kind kind, long nanos) {
    }

    private synchronized void sample() {
        Map<Kind, Integer> now = count();
        int total = now.values().stream().mapToInt(Integer::intValue).sum();
        int io = now.get(Kind.CARRIER) + now.get(Kind.LOOP) + now.get(Kind.IO_WQ) + now.get(Kind.SQPOLL);
        peakTotal = Math.max(peakTotal, total);
        peakIo = Math.max(peakIo, io);
        now.forEach((k, v) -> peak.merge(k, v, Math::max));
        samples++;
    }

    synchronized int peakTotal() {
        return peakTotal;
    }

    /** Peak of carriers + loops + io-wq + SQPOLL threads counted together in one sample. */
    synchronized int peakIoThreads() {
        return peakIo;
    }

    synchronized Map<Kind, Integer> peakByKind() {
        return new LinkedHashMap<>(peak);
    }

    synchronized int samples() {
        return samples;
    }

    /** CPU seconds the census itself has used (to be left out of the benchmark's CPU). */
    double cpuSeconds() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.threadId()) / 1e9;
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.interrupt();
        thread.join();
    }
}
