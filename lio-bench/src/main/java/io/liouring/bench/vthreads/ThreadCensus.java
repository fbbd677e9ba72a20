package io.liouring.bench.vthreads;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts this process's OS threads ({@code /proc/self/task}, which includes the kernel's io_uring worker threads
 * {@code iou-wrk-*} and SQPOLL threads {@code iou-sqp-*}) every few milliseconds on a platform thread, and keeps
 * the peak of the total and of each kind.
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

    private static final Path TASKS = Path.of("/proc/self/task");

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
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String comm;
                try {
                    comm = Files.readString(task.resolve("comm")).trim();
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                now.merge(Kind.of(comm), 1, Integer::sum);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + TASKS, e);
        }
        return now;
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
