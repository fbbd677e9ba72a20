package io.liouring.nio.file;

import io.liouring.Errno;
import io.liouring.internal.ChunkedCopyFileRange;
import io.liouring.internal.FileRangeCalls;
import io.liouring.internal.IoErrors;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's copy of a range of one file of this package into another, for {@link LioFileChannel#transferTo} and
 * {@link LioFileChannel#transferFrom} between two of our channels: {@code copy_file_range(2)}, a direct system call
 * (io_uring has no operation for it), which shares extents where the file system can and otherwise copies page cache
 * to page cache inside the kernel, no byte passing through user memory (the JDK's channel makes the same call).
 * One instance per transfer.
 *
 * <p><b>Chunks.</b> A call copies {@value #CHUNK} bytes at most and holds a reference to both descriptors
 * ({@link ChunkedCopyFileRange}): a close of either waits for the chunk under way, no longer, and the next chunk
 * fails with {@link java.nio.channels.ClosedChannelException}, so no chunk runs on a descriptor number once it has
 * been given back.
 *
 * <p><b>Where it runs.</b> {@code copy_file_range} may wait for the device (an uncached source, the target's dirty
 * pages being written back) and cannot be cancelled. A platform thread makes the calls itself. A virtual thread would
 * hold its carrier all that time, so its transfer runs on one of at most {@link #COPIERS} platform threads
 * ({@code lio-file-copy-N}, daemons, made on demand and ended after a minute idle) while it parks, as its reads park
 * while the ring's io-wq workers wait for the device; transfers beyond that wait in arrival order, parked too. One
 * hand-over per transfer, not per chunk: per 8 MiB chunk, the hand-overs cost a virtual thread about 0.1 s per GiB
 * (lio-bench/results/notes/transfer.md). The wait is not interruptible: an interrupt acts by closing the channel,
 * which ends the copy at the next chunk, and the channel's {@code end} then reports it.
 *
 * <p><b>Refusals.</b> Where the kernel will not copy between the two files — {@code EXDEV} (file systems of
 * different types), {@code EINVAL} (a file that is not regular, overlapping ranges of one file), {@code EOPNOTSUPP},
 * {@code ENOSYS}, {@code EBADF} (an {@code O_APPEND} target), {@code EAGAIN} — the copy stops and {@link #refused()}
 * says so; the channel moves the rest through its bounce buffer.
 */
final class KernelCopy {
    /**
     * Bytes per call, which bounds how long a close waits: 8 MiB take 5-7 ms from the page cache on the 2-CPU machine
     * of lio-bench/results/notes/transfer.md (1.2-1.7 GB/s), 60 ms at 140 MB/s, the slowest 2 GiB copy seen there.
     * Against 64 MiB chunks the number of calls made no difference that the machine's noise let us see (same note).
     */
    static final long CHUNK = 8L << 20;
    /** The most copier threads (the transfers of virtual threads). */
    static final int COPIERS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final RingFile source;
    private final long from;
    private final RingFile target;
    private final long to;
    private final long length;
    /** Bytes copied so far: written by the copying thread, read by the caller once the copy has ended. */
    private volatile long copied;
    /** Whether the kernel refused to copy between the two files. */
    private volatile boolean refused;

    /**
     * A copy of up to {@code length} bytes of {@code source} from {@code from} into {@code target} at {@code to};
     * neither file has a position that moves.
     */
    KernelCopy(RingFile source, long from, RingFile target, long to, long length) {
        this.source = source;
        this.from = from;
        this.target = target;
        this.to = to;
        this.length = length;
    }

    /**
     * Copies chunk by chunk until {@code length} bytes have been copied, the source ends or the kernel refuses; on a
     * virtual thread on a copier thread while the caller parks (see the class comment).
     *
     * @return bytes copied, as {@link #copied()}
     * @throws java.nio.channels.ClosedChannelException if either file is being closed; {@link #copied()} says what
     *                                                   reached the target before
     * @throws IOException                               for any other failure, naming the target for
     *                                                   {@code ENOSPC}, {@code EDQUOT} and {@code EFBIG}, else
     *                                                   the source
     */
    long run() throws IOException {
        source.checkNotLoopThread("FileChannel.transfer");
        if (!Thread.currentThread().isVirtual()) {
            return copyAll();
        }
        CompletableFuture<Long> done = CompletableFuture.supplyAsync(() -> {
            try {
                return copyAll();
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, Copiers.POOL);
        try {
            return done.join(); // parks, not interruptibly (see the class comment)
        } catch (CompletionException e) {
            throw IoErrors.onCallerThread(e.getCause());
        }
    }

    /** Bytes copied so far (all of them once {@link #run()} has returned or thrown). */
    long copied() {
        return copied;
    }

    /** Whether the copy stopped because the kernel will not copy between the two files. */
    boolean refused() {
        return refused;
    }

    /** The chunks, on this thread. */
    private long copyAll() throws IOException {
        try (FileRangeCalls calls = new FileRangeCalls()) {
            ChunkedCopyFileRange chunks = new ChunkedCopyFileRange(calls, source.handle(), target.handle(), CHUNK);
            chunks.copy(from, to, length, n -> copied = n);
            int errno = chunks.errno();
            if (errno == 0) {
                return copied; // all of it, or the source ended
            }
            switch (Errno.of(errno)) {
                case EXDEV, EINVAL, EOPNOTSUPP, ENOSYS, EBADF, EAGAIN -> {
                    refused = true;
                    return copied;
                }
                case ENOSPC, EDQUOT, EFBIG -> throw JdkFileErrors.ofIo("copy_file_range", target.path(), -errno);
                default -> throw JdkFileErrors.ofIo("copy_file_range", source.path(), -errno);
            }
        }
    }

    /** Holder: the JVM makes the copier threads' pool on the first transfer of a virtual thread, once. */
    private static final class Copiers {
        static final ThreadPoolExecutor POOL = create();

        private static ThreadPoolExecutor create() {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(COPIERS, COPIERS, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), LibraryThreads.numbered("lio-file-copy-"));
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }
}
