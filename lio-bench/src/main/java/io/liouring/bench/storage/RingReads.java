package io.liouring.bench.storage;

import io.liouring.CompletionHandler;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.OpenFlags;
import io.liouring.Params;
import io.liouring.SqeFlags;
import io.liouring.operation.ReadFixed;
import org.HdrHistogram.Histogram;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The lio-uring contender: one ring per thread keeps {@code depth} {@link ReadFixed} requests in flight on a
 * registered file, into one registered buffer of {@code depth} blocks. Each turn of the loop submits the refills
 * and waits for at least {@code batch} completions in a single {@code io_uring_enter}, reaps every ready completion
 * with {@link LioUring#forEachCompletion} and refills those slots at new random offsets. Nothing is allocated in
 * the loop.
 *
 * <p>The ring is set up as fio 3.33's io_uring engine sets up its own (seen with strace): SQ of {@code depth}
 * entries, {@code CQSIZE} = depth, {@code COOP_TASKRUN}, {@code SINGLE_ISSUER}, {@code DEFER_TASKRUN}.
 *
 * <p>Latency is taken from just before the {@code io_uring_enter} that submits a read to just after the one that
 * returns its completion, as fio's {@code lat} (submission + completion latency).
 */
final class RingReads implements InJvmRun.Loop, CompletionHandler {
    private final ReadSpec spec;
    private final int depth;
    private final int batch;
    private final RandomOffsets offsets;
    private final long[] submittedAt;
    private final int[] refill;
    private final int fd;
    private final Arena arena;
    private final LioUring ring;
    private final ReadFixed[] reads;
    private int refills;
    private Histogram latencies;
    private Window window;
    private long reapedAt;

    /** Opens the file, sets up the ring, registers the file and the buffer. */
    private RingReads(ReadSpec spec, int depth, int batch, long seed) {
        if (depth < 1 || depth > LioUring.MAX_ENTRIES) {
            throw new IllegalArgumentException("depth must be between 1 and " + LioUring.MAX_ENTRIES + ": " + depth);
        }
        if (batch < 1 || batch > depth) {
            throw new IllegalArgumentException("batch must be between 1 and the depth (" + depth + "): " + batch);
        }
        this.spec = spec;
        this.depth = depth;
        this.batch = batch;
        this.offsets = new RandomOffsets(spec.fileSize(), spec.blockSize(), seed);
        this.submittedAt = new long[depth];
        this.refill = new int[depth];
        this.reads = new ReadFixed[depth];
        int bs = spec.blockSize();
        fd = Fd.open(spec.file(), OpenFlags.O_RDONLY | (spec.direct() ? OpenFlags.O_DIRECT : 0), 0);
        Arena a = null;
        LioUring r = null;
        try {
            a = Arena.ofConfined(); // prepared, run and closed on the same thread
            r = new LioUring(depth, ringParams(depth));
            MemorySegment buffers = a.allocate((long) depth * bs, Math.max(bs, 4096));
            r.registerBuffers(buffers);
            r.registerFiles(fd);
            for (int slot = 0; slot < depth; slot++) {
                reads[slot] = new ReadFixed(0, buffers.asSlice((long) slot * bs, bs), 0, 0);
            }
        } catch (RuntimeException | Error e) {
            if (r != null) {
                r.close();
            }
            if (a != null) {
                a.close();
            }
            Fd.close(fd);
            throw e;
        }
        arena = a;
        ring = r;
    }

    /**
     * Measures {@code rings} threads, each with its own ring at queue depth {@code depth}, each turn waiting for
     * {@code batch} completions (1: any).
     */
    static ReadResult measure(ReadSpec spec, int rings, int depth, int batch) {
        return InJvmRun.measure("lio-uring", rings, depth, spec,
                thread -> new RingReads(spec, depth, batch, System.nanoTime() ^ ((long) thread << 32)));
    }

    static Params ringParams(int depth) {
        return Params.builder().cqSize(depth).coopTaskrun().deferTaskrun().build();
    }

    @Override
    public void run(Window window, Histogram latencies) {
        this.window = window;
        this.latencies = latencies;
        for (int slot = 0; slot < depth; slot++) {
            refill[slot] = slot;
        }
        refills = depth;
        int inFlight = 0;
        while (true) {
            for (int i = 0; i < refills; i++) {
                int slot = refill[i];
                ring.push(reads[slot].offset(offsets.next()), slot, SqeFlags.FIXED_FILE);
            }
            inFlight += refills;
            long submitAt = System.nanoTime();
            for (int i = 0; i < refills; i++) {
                submittedAt[refill[i]] = submitAt;
            }
            ring.submitAndWait(batch);
            reapedAt = System.nanoTime();
            refills = 0;
            ring.forEachCompletion(this);
            inFlight -= refills;
            if (window.over(reapedAt)) {
                break;
            }
        }
        while (inFlight > 0) { // the kernel writes into the buffers until each read completes
            ring.submitAndWait(1);
            reapedAt = Long.MIN_VALUE; // counts nothing
            refills = 0;
            ring.forEachCompletion(this);
            inFlight -= refills;
        }
    }

    @Override
    public void onCompletion(long userData, int result, int flags) {
        int slot = (int) userData;
        if (result != spec.blockSize()) {
            throw new IllegalStateException("read of slot " + slot + " returned " + result
                    + (result < 0 ? " (" + Errno.describe(-result) + ")" : " bytes, expected " + spec.blockSize()));
        }
        if (window.counts(reapedAt)) {
            latencies.recordValue(reapedAt - submittedAt[slot]);
        }
        refill[refills++] = slot;
    }

    @Override
    public void close() {
        try {
            ring.close();
        } finally {
            arena.close();
            Fd.close(fd);
        }
    }
}
