package io.liouring.bench.vthreads;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts this process's OS threads ({@code /proc/self/task}, which includes the kernel's io_uring worker threads
 * {@code iou-wrk-*} and SQPOLL threads {@code iou-sqp-*}) every few milliseconds on a platform thread, and keeps
 * the peak of the total and of each kind. It reads {@code /proc} with {@code java.io}, never through the default
 * {@code FileSystemProvider}: the provider is what a benchmark compares, and with lio-nio's the census's own reads
 * would run on the provider's ring thread and io_uring workers (procfs has no non-blocking read), outside the census
 * thread whose CPU time is taken off the measurement.
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

    private static final File TASKS = new File("/proc/self/task");

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
        for (String task : tasks()) {
            String comm;
            try {
                comm = read(task, "comm").trim();
            } catch (IOException e) {
                continue; // the thread ended meanwhile
            }
            now.merge(Kind.of(comm), 1, Integer::sum);
        }
        return now;
    }

    /**
     * {@return each live thread's CPU time so far, in nanoseconds, by thread id with its kind: the first field of
     * {@code /proc/self/task/TID/schedstat} (time spent on the CPU, see the kernel's sched-stats documentation)}
     */
    static Map<String, ThreadCpu> cpuByThread() {
        Map<String, ThreadCpu> now = new LinkedHashMap<>();
        for (String task : tasks()) {
            try {
                String comm = read(task, "comm").trim();
                String schedstat = read(task, "schedstat");
                long nanos = Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
                now.put(task, new ThreadCpu(Kind.of(comm), nanos));
            } catch (IOException e) {
                // the thread ended meanwhile
            }
        }
        return now;
    }

    /** The thread ids in {@code /proc/self/task}. */
    private static String[] tasks() {
        String[] tasks = TASKS.list();
        if (tasks == null) {
            throw new IllegalStateException("cannot list " + TASKS);
        }
        return tasks;
    }

    /** {@code /proc/self/task/TASK/NAME} as text, read with {@code java.io}. */
    private static String read(String task, String name) throws IOException {
        try (FileInputStream in = new FileInputStream(new File(new File(TASKS, task), name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
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
