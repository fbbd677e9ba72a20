package io.liouring.bench.vthreads;

import io.liouring.bench.harness.ProcessCpuClock;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load of P5's and P8's reading programs ({@link VirtualThreadReads}, {@link NioFileReads}): virtual threads, each
 * making one read at a time until stopped; after a warm-up, one measured window over which it counts the reads that
 * returned the expected number of bytes, the failed ones, the process's CPU (less the thread census's own) and the
 * OS threads ({@link ThreadCensus}). A thread stops at its first exception, counted as a failed read.
 */
final class ReadingThreads {
    /** One read; returns the bytes it got. */
    @FunctionalInterface
    interface Read {
        int run(ThreadLocalRandom random) throws IOException;
    }

    /** Makes a thread's {@link Read}, on that thread; memory from {@code arena} lives as long as the thread. */
    @FunctionalInterface
    interface Reader {
        Read open(Arena arena);
    }

    /** Told when the measured window opens and closes, for a measurement of the caller's own (latency, say). */
    interface WindowWatcher {
        WindowWatcher NONE = new WindowWatcher() {
        };

        default void opened() {
        }

        default void closed() {
        }
    }

    /**
     * What the measured window saw. {@code cpuByKind} comes from per-thread snapshots just outside the window,
     * {@code readsOverSnapshots} counts the reads between those snapshots.
     */
    record Window(double seconds, long reads, long errors, double cpuSeconds, Map<ThreadCensus.Kind, Double> cpuByKind,
                  long readsOverSnapshots, int peakOsThreads, int peakIoThreads, Map<ThreadCensus.Kind, Integer> peakByKind, int censusSamples,
                  Throwable firstError) {

        /** Puts {@code seconds}, {@code reads}, {@code errors} and {@code reads_per_s} into {@code result}. */
        void putCounts(Map<String, Object> result) {
            result.put("seconds", seconds);
            result.put("reads", reads);
            result.put("errors", errors);
            result.put("reads_per_s", reads / seconds);
        }

        /**
         * Puts {@code cpu_s}, {@code cpu_us_per_read}, {@code cpu_s_<kind>} (by {@link ThreadCensus.Kind}; OTHER
         * holds the JIT compilers, GC and the census; over the snapshots' span) and {@code io_cpu_us_per_read} (the
         * CPU of carriers, loop, io-wq and SQPOLL threads per read over that span: what the reads cost without the
         * JVM's own work) into {@code result}.
         */
        void putCpu(Map<String, Object> result) {
            result.put("cpu_s", cpuSeconds);
            result.put("cpu_us_per_read", cpuSeconds / reads * 1e6);
            cpuByKind.forEach((k, v) -> result.put("cpu_s_" + k.name().toLowerCase(Locale.ROOT), v));
            double io = cpuByKind.entrySet().stream().filter(e -> e.getKey() != ThreadCensus.Kind.OTHER)
                    .mapToDouble(Map.Entry::getValue).sum();
            result.put("io_cpu_us_per_read", io / readsOverSnapshots * 1e6);
        }

        /** Puts {@code peak_os_threads}, {@code peak_io_threads} and {@code peak_<kind>} into {@code result}. */
        void putThreads(Map<String, Object> result) {
            result.put("peak_os_threads", peakOsThreads);
            result.put("peak_io_threads", peakIoThreads);
            peakByKind.forEach((k, v) -> result.put("peak_" + k.name().toLowerCase(Locale.ROOT), v));
        }

        /** Puts {@code first_error} into {@code result} if a thread failed. */
        void putFirstError(Map<String, Object> result) {
            if (firstError != null) {
                result.put("first_error", firstError.toString());
            }
        }
    }

    private final int threads;
    private final double warmup;
    private final double duration;
    private final LongAdder reads = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private volatile boolean stop;
    private volatile Throwable firstError;

    /**
     * @param threads  how many virtual threads
     * @param warmup   seconds before the window
     * @param duration seconds of the window
     */
    ReadingThreads(int threads, double warmup, double duration) {
        this.threads = threads;
        this.warmup = warmup;
        this.duration = duration;
    }

    /**
     * Starts the threads, each reading with the {@link Read} {@code reader} makes it, measures the window, stops and
     * joins them (30 s each at the most).
     *
     * @param expected the bytes a read must return to count as one
     */
    Window measure(Reader reader, int expected, WindowWatcher watcher) throws InterruptedException {
        List<Thread> workers = new ArrayList<>(threads);
        try (ThreadCensus census = new ThreadCensus(50)) {
            // The window's bookkeeping runs once before the readers start, so that the classes it needs are loaded:
            // loading one from the class path opens a FileInputStream, which registers with the JDK's common Cleaner,
            // and on the JDK's side 10 000 small-file readers keep that Cleaner's monitor so busy (every
            // FileChannelImpl registers there) that main once waited minutes for it in the window.
            ThreadCensus.cpuSecondsByKind(ThreadCensus.cpuByThread(), ThreadCensus.cpuByThread());
            for (int i = 0; i < threads; i++) {
                workers.add(Thread.ofVirtual().name("reader-" + i).start(() -> readUntilStopped(reader, expected)));
            }
            Thread.sleep(Math.round(warmup * 1000));
            // The per-thread CPU snapshots take a while (a file per thread): they bracket the window, with the
            // reads counted over their own span; the window's own counts are read back to back with its clocks.
            long readsBeforeSnapshot = reads.sum();
            Map<String, ThreadCensus.ThreadCpu> byThread0 = ThreadCensus.cpuByThread();
            watcher.opened();
            double cpu0 = ProcessCpuClock.nanos() / 1e9 - census.cpuSeconds();
            long t0 = System.nanoTime();
            long reads0 = reads.sum();
            long errors0 = errors.sum();
            Thread.sleep(Math.round(duration * 1000));
            long reads1 = reads.sum();
            long errors1 = errors.sum();
            long t1 = System.nanoTime();
            double cpu1 = ProcessCpuClock.nanos() / 1e9 - census.cpuSeconds();
            watcher.closed();
            Map<ThreadCensus.Kind, Double> byKind = ThreadCensus.cpuSecondsByKind(byThread0, ThreadCensus.cpuByThread());
            long readsOverSnapshots = reads.sum() - readsBeforeSnapshot;
            long n = reads1 - reads0;
            long failed = errors1 - errors0;
            stop = true;
            for (Thread t : workers) {
                t.join(30_000);
            }
            return new Window((t1 - t0) / 1e9, n, failed, cpu1 - cpu0, byKind, readsOverSnapshots, census.peakTotal(), census.peakIoThreads(),
                    census.peakByKind(), census.samples(), firstError);
        }
    }

    private void readUntilStopped(Reader reader, int expected) {
        try (Arena arena = Arena.ofConfined()) {
            Read read = reader.open(arena);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (!stop) {
                try {
                    if (read.run(random) == expected) {
                        reads.increment();
                    } else {
                        errors.increment();
                    }
                } catch (IOException | RuntimeException e) {
                    if (firstError == null) {
                        firstError = e;
                    }
                    errors.increment();
                    return;
                }
            }
        }
    }
}
