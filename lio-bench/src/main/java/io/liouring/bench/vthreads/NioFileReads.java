package io.liouring.bench.vthreads;

import io.liouring.bench.harness.Json;
import io.liouring.bench.harness.Options;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.nio.file.ExtendedOpenOption;

/**
 * One side of benchmark P8 in this JVM: unchanged {@code java.nio} file code on {@code --threads} virtual threads,
 * run on whichever default {@code FileSystemProvider} the JVM was started with (the JDK's, or lio-nio's through
 * {@code -Djava.nio.file.spi.DefaultFileSystemProvider}). Nothing here names lio-uring. {@code --mode}:
 * <ul>
 * <li>{@code cached}: {@link FileChannel#read(ByteBuffer, long)} of {@code --block} bytes at random aligned offsets
 * of {@code --file} (in the page cache), one direct buffer per thread.</li>
 * <li>{@code direct}: the same with {@link ExtendedOpenOption#DIRECT} (O_DIRECT), the buffer aligned to the file
 * store's block size as the JDK requires.</li>
 * <li>{@code small-files}: {@link Files#readAllBytes} of a random file of {@code --dir} (all of one size).</li>
 * <li>{@code writes}: {@link FileChannel#write(ByteBuffer, long)} of {@code --block} bytes at random aligned offsets
 * of {@code --write-file} (an existing file of its own, overwritten in the page cache), one direct buffer per
 * thread; each write counts as a "read" in the output.</li>
 * </ul>
 * After {@code --warmup} seconds it measures for {@code --duration} seconds: reads, process CPU (less the thread
 * census's own), the peak number of OS threads ({@code /proc/self/task}, sampled by {@link ThreadCensus}) and the
 * JVM's peak live thread count ({@code ThreadMXBean.getPeakThreadCount()}, platform threads since start). Prints one
 * JSON object, naming the provider that served it.
 */
public final class NioFileReads {
    private final String mode;
    private final Path file;
    private final Path dir;
    private final Path writeFile;
    private final int threads;
    private final int block;
    private final double warmup;
    private final double duration;

    private NioFileReads(Options o) {
        mode = o.string("mode", "cached");
        file = Path.of(o.string("file", "p8.bin"));
        dir = Path.of(o.string("dir", "p8-small-files"));
        writeFile = Path.of(o.string("write-file", "p8-writes.bin"));
        threads = o.positiveInt("threads", 10_000);
        block = o.positiveInt("block", 4096);
        warmup = o.nonNegativeDouble("warmup", 3);
        duration = o.positiveDouble("duration", 10);
    }

    public static void main(String[] args) throws Exception {
        NioFileReads r = new NioFileReads(Options.parse(args, "mode", "file", "dir", "write-file", "threads", "block", "warmup",
                "duration"));
        System.out.print(Json.write(r.run()).replace("\n", " ").replaceAll(" +", " ").trim() + "\n");
    }

    private Map<String, Object> run() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mode", mode);
        result.put("provider", FileSystems.getDefault().provider().getClass().getName());
        result.put("threads", threads);
        switch (mode) {
            case "cached", "direct" -> {
                boolean direct = mode.equals("direct");
                long blocks = Files.size(file) / block;
                int alignment = direct ? Math.toIntExact(Files.getFileStore(file).getBlockSize()) : 1;
                OpenOption[] options = direct
                        ? new OpenOption[] {StandardOpenOption.READ, ExtendedOpenOption.DIRECT}
                        : new OpenOption[] {StandardOpenOption.READ};
                result.put("block", block);
                result.put("file_bytes", Files.size(file));
                result.put("alignment", alignment);
                try (FileChannel ch = FileChannel.open(file, options)) {
                    ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(
                            () -> ByteBuffer.allocateDirect(block + alignment).alignedSlice(alignment).limit(block));
                    measure(arena -> random -> ch.read(buffers.get().clear().limit(block),
                            random.nextLong(blocks) * block), block, result);
                }
            }
            case "small-files" -> {
                List<Path> files;
                try (var listing = Files.list(dir)) {
                    files = listing.sorted().toList();
                }
                if (files.isEmpty()) {
                    throw new IllegalArgumentException("no files in --dir " + dir);
                }
                int bytes = Math.toIntExact(Files.size(files.getFirst()));
                result.put("files", files.size());
                result.put("file_bytes", bytes);
                Path[] paths = files.toArray(Path[]::new);
                measure(arena -> random -> Files.readAllBytes(paths[random.nextInt(paths.length)]).length, bytes,
                        result);
            }
            case "writes" -> {
                long blocks = Files.size(writeFile) / block;
                result.put("block", block);
                result.put("file_bytes", Files.size(writeFile));
                try (FileChannel ch = FileChannel.open(writeFile, StandardOpenOption.WRITE)) {
                    ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> {
                        ByteBuffer b = ByteBuffer.allocateDirect(block);
                        while (b.hasRemaining()) {
                            b.put((byte) Thread.currentThread().threadId());
                        }
                        return b;
                    });
                    measure(arena -> random -> ch.write(buffers.get().clear(), random.nextLong(blocks) * block), block,
                            result);
                }
            }
            default -> throw new IllegalArgumentException("--mode must be cached, direct, small-files or writes: "
                    + mode);
        }
        return result;
    }

    private void measure(ReadingThreads.Reader reader, int expected, Map<String, Object> result) throws Exception {
        ReadingThreads.Window w = new ReadingThreads(threads, warmup, duration)
                .measure(reader, expected, ReadingThreads.WindowWatcher.NONE);
        w.putCounts(result);
        w.putCpu(result);
        result.put("peak_jvm_threads", ManagementFactory.getThreadMXBean().getPeakThreadCount());
        w.putThreads(result);
        w.putFirstError(result);
    }
}
