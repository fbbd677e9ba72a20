package io.liouring.bench.vthreads;

import io.liouring.OpenFlags;
import io.liouring.async.EventLoop;
import io.liouring.bench.harness.Json;
import io.liouring.bench.harness.Options;
import io.liouring.file.AsyncFile;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.nio.file.ExtendedOpenOption;

/**
 * One side of benchmark P5 in this JVM: {@code --threads} virtual threads, each reading {@code --block} bytes at
 * random block-aligned offsets of {@code --file} (a regular file or a block device), as fast as it can, one read at
 * a time; with O_DIRECT unless {@code --direct false} (then through the page cache).
 * <ul>
 * <li>{@code --mode lio}: {@link AsyncFile#read} on {@code --loops} {@link EventLoop}s (default 1; each virtual
 * thread reads through one, chosen by its thread id; each loop with {@code --entries} ring entries and
 * {@code --max-requests} outstanding requests at most, 0: the loop's defaults); a read parks the virtual thread and
 * frees its carrier.</li>
 * <li>{@code --mode filechannel}: {@link FileChannel#read(ByteBuffer, long)}, with
 * {@link ExtendedOpenOption#DIRECT} when reading O_DIRECT; a read blocks in {@code pread}, holding its carrier (the JDK compensates with
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
    private final boolean direct;
    private final int maxRequests;
    private final int loops;

    private final Recorder latency = new Recorder(3);

    private VirtualThreadReads(Options o) {
        mode = o.string("mode", "lio");
        file = Path.of(o.required("file"));
        threads = o.positiveInt("threads", 10_000);
        block = o.positiveInt("block", 4096);
        warmup = o.nonNegativeDouble("warmup", 3);
        duration = o.positiveDouble("duration", 10);
        entries = o.nonNegativeInt("entries", 0);
        direct = o.bool("direct", true);
        maxRequests = o.nonNegativeInt("max-requests", 0);
        loops = o.positiveInt("loops", 1);
    }

    public static void main(String[] args) throws Exception {
        VirtualThreadReads r = new VirtualThreadReads(Options.parse(args, "mode", "file", "threads", "block", "warmup",
                "duration", "entries", "direct", "max-requests", "loops"));
        System.out.print(Json.write(r.run()).replace("\n", " ").replaceAll(" +", " ").trim() + "\n");
    }

    private Map<String, Object> run() throws Exception {
        long span = ReadSpan.of(file);
        long blocks = span / block;
        Map<ThreadCensus.Kind, Integer> before = ThreadCensus.count();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mode", mode);
        result.put("threads", threads);
        result.put("block", block);
        result.put("file_bytes", span);
        result.put("direct", direct);
        switch (mode) {
            case "lio" -> {
                List<EventLoop> opened = new ArrayList<>();
                List<AsyncFile> files = new ArrayList<>();
                try {
                    for (int i = 0; i < loops; i++) {
                        EventLoop.Builder b = EventLoop.builder();
                        if (entries > 0) {
                            b.entries(entries);
                        }
                        if (maxRequests > 0) {
                            b.maxRequests(maxRequests);
                        }
                        EventLoop loop = b.build();
                        opened.add(loop);
                        files.add(AsyncFile.open(loop, file, OpenFlags.O_RDONLY | (direct ? OpenFlags.O_DIRECT : 0), 0));
                    }
                    result.put("loops", loops);
                    result.put("ring_entries", entries > 0 ? entries : 256);
                    result.put("max_requests", maxRequests > 0 ? maxRequests : 65536);
                    AsyncFile[] byLoop = files.toArray(AsyncFile[]::new);
                    // each virtual thread reads through one loop, chosen by its id
                    measure(blocks, (segment, buffer, position) ->
                            byLoop[(int) (Thread.currentThread().threadId() % byLoop.length)].read(segment, position),
                            result);
                } finally {
                    for (AsyncFile f : files) {
                        f.close();
                    }
                    opened.forEach(EventLoop::close);
                }
            }
            case "filechannel" -> {
                OpenOption[] options = direct
                        ? new OpenOption[] {StandardOpenOption.READ, ExtendedOpenOption.DIRECT}
                        : new OpenOption[] {StandardOpenOption.READ};
                try (FileChannel ch = FileChannel.open(file, options)) {
                    measure(blocks, (segment, buffer, position) -> ch.read(buffer.clear(), position), result);
                }
            }
            default -> throw new IllegalArgumentException("--mode must be lio or filechannel: " + mode);
        }
        result.put("threads_before", before.values().stream().mapToInt(Integer::intValue).sum());
        return result;
    }

    private void measure(long blocks, BlockReader reader, Map<String, Object> result) throws Exception {
        Histogram[] window = new Histogram[1];
        ReadingThreads.Window w = new ReadingThreads(threads, warmup, duration).measure(arena -> {
            MemorySegment segment = arena.allocate(block, AsyncFile.DIRECT_ALIGNMENT);
            ByteBuffer buffer = segment.asByteBuffer();
            return random -> {
                long position = random.nextLong(blocks) * block;
                long start = System.nanoTime();
                int n = reader.read(segment, buffer, position);
                latency.recordValue(System.nanoTime() - start);
                return n;
            };
        }, block, new ReadingThreads.WindowWatcher() {
            @Override
            public void opened() {
                latency.getIntervalHistogram(); // drop the warm-up's latencies
            }

            @Override
            public void closed() {
                window[0] = latency.getIntervalHistogram();
            }
        });
        Histogram h = window[0];
        w.putCounts(result);
        result.put("mib_per_s", w.reads() * (double) block / w.seconds() / (1 << 20));
        result.put("p50_us", h.getValueAtPercentile(50) / 1e3);
        result.put("p99_us", h.getValueAtPercentile(99) / 1e3);
        result.put("p999_us", h.getValueAtPercentile(99.9) / 1e3);
        w.putCpu(result);
        w.putThreads(result);
        result.put("census_samples", w.censusSamples());
        w.putFirstError(result);
    }
}
