package io.liouring.bench.vthreads;

import io.liouring.OpenFlags;
import io.liouring.async.EventLoop;
import io.liouring.bench.harness.Json;
import io.liouring.bench.harness.Options;
import io.liouring.bench.harness.ProcessCpuClock;
import io.liouring.file.AsyncFile;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

import com.sun.nio.file.ExtendedOpenOption;

/**
 * One side of benchmark P5 in this JVM: {@code --threads} virtual threads, each reading {@code --block} bytes at
 * random block-aligned offsets of {@code --file} with O_DIRECT, as fast as it can, one read at a time.
 * <ul>
 * <li>{@code --mode lio}: {@link AsyncFile#read} on one {@link EventLoop}; a read parks the virtual thread and
 * frees its carrier.</li>
 * <li>{@code --mode filechannel}: {@link FileChannel#read(ByteBuffer, long)} with
 * {@link ExtendedOpenOption#DIRECT}; a read blocks in {@code pread}, holding its carrier (the JDK compensates with
 * extra carriers, up to {@code jdk.virtualThreadScheduler.maxPoolSize}).</li>
 * </ul>
 * After {@code --warmup} seconds it measures for {@code --duration} seconds: reads, read latency (HdrHistogram),
 * process CPU (less the census's own), and the peak number of OS threads ({@link ThreadCensus}). Prints one JSON
 * object.
 */
public final class VirtualThreadReads {
    @FunctionalInterface
    private interface BlockReader {
        int read(MemorySegment segment, ByteBuffer buffer, long position) throws IOException;
    }

    private final String mode;
    private final Path file;
    private final int threads;
    private final int block;
    private final double warmup;
    private final double duration;
    private final int entries;

    private final LongAdder reads = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Recorder latency = new Recorder(3);
    private volatile boolean stop;
    private volatile Throwable firstError;

    private VirtualThreadReads(Options o) {
        mode = o.string("mode", "lio");
        file = Path.of(o.required("file"));
        threads = o.positiveInt("threads", 10_000);
        block = o.positiveInt("block", 4096);
        warmup = o.nonNegativeDouble("warmup", 3);
        duration = o.positiveDouble("duration", 10);
        entries = o.nonNegativeInt("entries", 0);
    }

    public static void main(String[] args) throws Exception {
        VirtualThreadReads r = new VirtualThreadReads(Options.parse(args, "mode", "file", "threads", "block", "warmup",
                "duration", "entries"));
        System.out.print(Json.write(r.run()).replace("\n", " ").replaceAll(" +", " ").trim() + "\n");
    }

    private Map<String, Object> run() throws Exception {
        long blocks = Files.size(file) / block;
        Map<ThreadCensus.Kind, Integer> before = ThreadCensus.count();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mode", mode);
        result.put("threads", threads);
        result.put("block", block);
        result.put("file_bytes", Files.size(file));
        switch (mode) {
            case "lio" -> {
                EventLoop.Builder b = EventLoop.builder();
                if (entries > 0) {
                    b.entries(entries);
                }
                try (EventLoop loop = b.build();
                     AsyncFile f = AsyncFile.open(loop, file, OpenFlags.O_RDONLY | OpenFlags.O_DIRECT, 0)) {
                    result.put("ring_entries", entries > 0 ? entries : 256);
                    measure(blocks, (segment, buffer, position) -> f.read(segment, position), result);
                }
            }
            case "filechannel" -> {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT)) {
                    measure(blocks, (segment, buffer, position) -> ch.read(buffer.clear(), position), result);
                }
            }
            default -> throw new IllegalArgumentException("--mode must be lio or filechannel: " + mode);
        }
        result.put("threads_before", before.values().stream().mapToInt(Integer::intValue).sum());
        return result;
    }

    private void measure(long blocks, BlockReader reader, Map<String, Object> result) throws Exception {
        List<Thread> workers = new ArrayList<>(threads);
        try (ThreadCensus census = new ThreadCensus(50)) {
            for (int i = 0; i < threads; i++) {
                workers.add(Thread.ofVirtual().name("reader-" + i).start(() -> readForever(blocks, reader)));
            }
            Thread.sleep(Math.round(warmup * 1000));
            long reads0 = reads.sum();
            long errors0 = errors.sum();
            double cpu0 = ProcessCpuClock.nanos() / 1e9 - census.cpuSeconds();
            long t0 = System.nanoTime();
            latency.getIntervalHistogram(); // drop the warm-up's latencies
            Thread.sleep(Math.round(duration * 1000));
            long t1 = System.nanoTime();
            Histogram h = latency.getIntervalHistogram();
            double cpu1 = ProcessCpuClock.nanos() / 1e9 - census.cpuSeconds();
            long n = reads.sum() - reads0;
            long failed = errors.sum() - errors0;
            stop = true;
            for (Thread t : workers) {
                t.join(30_000);
            }
            double seconds = (t1 - t0) / 1e9;
            result.put("seconds", seconds);
            result.put("reads", n);
            result.put("errors", failed);
            result.put("reads_per_s", n / seconds);
            result.put("mib_per_s", n * (double) block / seconds / (1 << 20));
            result.put("p50_us", h.getValueAtPercentile(50) / 1e3);
            result.put("p99_us", h.getValueAtPercentile(99) / 1e3);
            result.put("p999_us", h.getValueAtPercentile(99.9) / 1e3);
            result.put("cpu_s", cpu1 - cpu0);
            result.put("cpu_us_per_read", (cpu1 - cpu0) / n * 1e6);
            result.put("peak_os_threads", census.peakTotal());
            result.put("peak_io_threads", census.peakIoThreads());
            census.peakByKind().forEach((k, v) -> result.put("peak_" + k.name().toLowerCase(java.util.Locale.ROOT), v));
            result.put("census_samples", census.samples());
        }
        if (firstError != null) {
            result.put("first_error", firstError.toString());
        }
    }

    private void readForever(long blocks, BlockReader reader) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(block, AsyncFile.DIRECT_ALIGNMENT);
            ByteBuffer buffer = segment.asByteBuffer();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (!stop) {
                long position = random.nextLong(blocks) * block;
                long start = System.nanoTime();
                int n;
                try {
                    n = reader.read(segment, buffer, position);
                } catch (IOException | RuntimeException e) {
                    if (firstError == null) {
                        firstError = e;
                    }
                    errors.increment();
                    return;
                }
                latency.recordValue(System.nanoTime() - start);
                if (n == block) {
                    reads.increment();
                } else {
                    errors.increment();
                }
            }
        }
    }
}
