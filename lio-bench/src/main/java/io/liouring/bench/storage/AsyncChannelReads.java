package io.liouring.bench.storage;

import org.HdrHistogram.AtomicHistogram;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code AsynchronousFileChannel} contender: one channel opened as users open it (the JDK's default thread
 * pool, which on Linux runs each read as a blocking {@code pread} on a pool thread), with {@code depth} reads kept
 * in flight: each completion handler records the read and issues the next one into the same buffer.
 *
 * <p>Latency is from the call to {@code read} to the start of its completion handler.
 */
final class AsyncChannelReads implements InJvmRun.Loop {
    private final ReadSpec spec;
    private final AsynchronousFileChannel channel;
    private final Slot[] slots;
    private final CountDownLatch stopped;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Window window;
    private volatile Histogram latencies;

    private AsyncChannelReads(ReadSpec spec, int depth) throws IOException {
        this.spec = spec;
        this.stopped = new CountDownLatch(depth);
        this.slots = new Slot[depth];
        long seed = System.nanoTime();
        for (int i = 0; i < depth; i++) {
            slots[i] = new Slot(ChannelReads.alignedBuffer(spec), new RandomOffsets(spec.fileSize(), spec.blockSize(), seed + i));
        }
        this.channel = AsynchronousFileChannel.open(spec.file(), ChannelReads.openOptions(spec), null);
    }

    static ReadResult measure(ReadSpec spec, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be positive: " + depth);
        }
        // One issuing thread; the pool's threads run the handlers and record into its (thread-safe) histogram.
        ReadResult r = InJvmRun.measure("AsynchronousFileChannel", 1, depth, spec,
                () -> new AtomicHistogram(InJvmRun.HIGHEST_NANOS, 3), thread -> new AsyncChannelReads(spec, depth));
        return new ReadResult(r.contender(), 0, depth, r.reads(), r.seconds(), r.p50Nanos(), r.p99Nanos(), r.cpuSeconds());
    }

    @Override
    public void run(Window window, Histogram latencies) throws InterruptedException {
        this.window = window;
        this.latencies = latencies;
        for (Slot slot : slots) {
            slot.issue();
        }
        long waitMillis = TimeUnit.NANOSECONDS.toMillis(window.end() - System.nanoTime()) + 60_000;
        if (!stopped.await(waitMillis, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("AsynchronousFileChannel reads did not finish within a minute of the window's end");
        }
        Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException("AsynchronousFileChannel read failed: " + e, e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** One read kept in flight: its buffer, its offsets, and the handler that issues the next read. */
    private final class Slot implements CompletionHandler<Integer, Void> {
        private final ByteBuffer buffer;
        private final RandomOffsets offsets;
        private long issuedAt;

        Slot(ByteBuffer buffer, RandomOffsets offsets) {
            this.buffer = buffer;
            this.offsets = offsets;
        }

        void issue() {
            buffer.clear();
            issuedAt = System.nanoTime();
            channel.read(buffer, offsets.next(), null, this);
        }

        @Override
        public void completed(Integer n, Void unused) {
            long now = System.nanoTime();
            if (n != spec.blockSize()) {
                failed(new IllegalStateException("read returned " + n + " bytes, expected " + spec.blockSize()), null);
                return;
            }
            if (window.counts(now)) {
                latencies.recordValue(now - issuedAt);
            }
            if (window.over(now) || failure.get() != null) {
                stopped.countDown();
            } else {
                try {
                    issue();
                } catch (RuntimeException e) {
                    failed(e, null);
                }
            }
        }

        @Override
        public void failed(Throwable e, Void unused) {
            failure.compareAndSet(null, e);
            stopped.countDown();
        }
    }
}
