package io.liouring.nio.file;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * Bounded pools of {@link IoScratch}: the native memory through which heap buffers are copied, held while a request
 * waits for the ring (a direct call that does not wait takes one of the {@link CallSlots} instead). Memory is
 * allocated on demand, up to a fixed number of blocks per pool, and kept for reuse: at most
 * {@value #SMALL_COUNT} × {@value #SMALL_SIZE} bytes plus {@value #LARGE_COUNT} × {@value #LARGE_SIZE} bytes in all,
 * whatever the number of threads, and none of it counted against {@code -XX:MaxDirectMemorySize}. A thread that
 * finds its pool exhausted waits (parks) for a block to come back.
 *
 * <p>A call takes one block and gives it back when the kernel is done with its memory. A heap transfer larger
 * than {@value #SMALL_SIZE} bytes takes a large block if one is free at once, and otherwise moves in
 * {@value #SMALL_SIZE}-byte steps.
 */
final class ScratchPool implements ScratchOwner {
    /** Bounce bytes of a small block. */
    static final int SMALL_SIZE = 64 * 1024;
    /** Most small blocks. */
    static final int SMALL_COUNT = 1024;
    /** Bounce bytes of a large block. */
    static final int LARGE_SIZE = 1024 * 1024;
    /** Most large blocks. */
    static final int LARGE_COUNT = 8;

    /** Blocks of {@value #SMALL_SIZE} bytes. */
    private static final ScratchPool SMALL = new ScratchPool(SMALL_SIZE, SMALL_COUNT);
    /** Blocks of {@value #LARGE_SIZE} bytes. */
    private static final ScratchPool LARGE = new ScratchPool(LARGE_SIZE, LARGE_COUNT);

    /** Bounce bytes of this pool's blocks. */
    private final int bounceSize;
    /** One permit per block that may still be taken (allocated or not). */
    private final Semaphore permits;
    /**
     * Blocks given back, ready for reuse. Lock-free on purpose: with thousands of virtual threads a monitor here
     * made a convoy (each hand-over of a contended monitor reschedules one unmounted waiter), which held P8's
     * small-file reads to a few thousand per second with the CPUs idle.
     */
    private final ConcurrentLinkedQueue<IoScratch> free = new ConcurrentLinkedQueue<>();

    /** A pool of at most {@code count} blocks of {@code bounceSize} bounce bytes. */
    private ScratchPool(int bounceSize, int count) {
        this.bounceSize = bounceSize;
        this.permits = new Semaphore(count);
    }

    /**
     * A block whose bounce buffer suits a transfer of {@code bytes} (0 for a direct buffer, which needs none):
     * a large one for more than {@value #SMALL_SIZE} bytes if one is free, a small one otherwise (waiting for one
     * if all are taken).
     */
    static IoScratch take(long bytes) {
        if (bytes > SMALL_SIZE && LARGE.permits.tryAcquire()) {
            return LARGE.pop();
        }
        SMALL.permits.acquireUninterruptibly();
        return SMALL.pop();
    }

    /** A block for a caller holding a permit: a free one, or a new one. */
    private IoScratch pop() {
        IoScratch s = free.poll();
        if (s != null) {
            return s;
        }
        try {
            return new IoScratch(this, -1, bounceSize);
        } catch (RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    /** Puts a block back (see {@link IoScratch#release()}); its memory is the pool's again. */
    @Override
    public void give(IoScratch scratch) {
        free.offer(scratch);
        permits.release();
    }
}
