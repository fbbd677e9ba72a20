package io.liouring.bench.storage;

import com.sun.nio.file.ExtendedOpenOption;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The {@code FileChannel} contender: {@code threads} platform threads, each with its own channel (so they share
 * no lock) and its own block-aligned direct buffer, each doing blocking positional reads
 * ({@code FileChannel.read(ByteBuffer, long)}, a {@code pread}) one after the other. With O_DIRECT the channel
 * is opened with {@link ExtendedOpenOption#DIRECT}.
 *
 * <p>Latency is the time between consecutive completions of a thread, which is one read plus the loop's own
 * few nanoseconds (one clock read per read).
 */
final class ChannelReads implements InJvmRun.Loop {
    private final ReadSpec spec;
    private final RandomOffsets offsets;
    private final ByteBuffer buffer;
    private final FileChannel channel;

    private ChannelReads(ReadSpec spec, long seed) throws IOException {
        this.spec = spec;
        this.offsets = new RandomOffsets(spec.fileSize(), spec.blockSize(), seed);
        this.buffer = alignedBuffer(spec);
        this.channel = FileChannel.open(spec.file(), openOptions(spec));
    }

    static ReadResult measure(ReadSpec spec, int threads) {
        return InJvmRun.measure("FileChannel", threads, 1, spec,
                thread -> new ChannelReads(spec, System.nanoTime() ^ ((long) thread << 32)));
    }

    static Set<OpenOption> openOptions(ReadSpec spec) {
        return spec.direct() ? Set.of(StandardOpenOption.READ, ExtendedOpenOption.DIRECT) : Set.of(StandardOpenOption.READ);
    }

    /**
     * A direct buffer of exactly one block (so {@code clear()} makes it one block again), aligned as O_DIRECT needs:
     * to the file store's block size, at least 4096.
     */
    static ByteBuffer alignedBuffer(ReadSpec spec) throws IOException {
        int alignment = (int) Math.max(4096, Files.getFileStore(spec.file()).getBlockSize());
        return ByteBuffer.allocateDirect(spec.blockSize() + alignment).alignedSlice(alignment).slice(0, spec.blockSize());
    }

    @Override
    public void run(Window window, Histogram latencies) throws IOException {
        int bs = spec.blockSize();
        long previous = System.nanoTime();
        while (!window.over(previous)) {
            buffer.clear();
            int n = channel.read(buffer, offsets.next());
            long now = System.nanoTime();
            if (n != bs) {
                throw new IllegalStateException("FileChannel read returned " + n + " bytes, expected " + bs);
            }
            if (window.counts(now)) {
                latencies.recordValue(now - previous);
            }
            previous = now;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
