package io.liouring.nio.file;

import io.liouring.Errno;
import io.liouring.internal.FileRangeCalls;
import io.liouring.internal.IoErrors;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's copy from one file of this package to another, for {@link LioFileChannel#transferTo} and
 * {@link LioFileChannel#transferFrom} between two of our channels: {@code copy_file_range(2)}, a direct system call
 * (io_uring has no operation for it), which shares extents where the file system can and otherwise copies page cache
 * to page cache inside the kernel, no byte passing through user memory (the JDK's channel makes the same call).
 *
 * <p><b>Chunks.</b> A channel copies {@value #CHUNK} bytes at most per call, each call one blocking call of the
 * channel. A call holds a reference to both descriptors ({@link RingFile#withDescriptors}): a close of either waits
 * for the chunk under way, no longer, and no chunk runs on a descriptor number once it has been given back.
 *
 * <p><b>Where a chunk runs.</b> {@code copy_file_range} may wait for the device (an uncached source, the target's
 * dirty pages being written back) and cannot be cancelled. A platform thread makes the call itself. A virtual thread
 * would hold its carrier for the whole chunk, so its chunk runs on one of at most {@link #COPIERS} platform threads
 * ({@code lio-file-copy-N}, daemons, made on demand and ended after a minute idle) while it parks, as its reads park
 * while the ring's io-wq workers wait for the device; chunks beyond that wait in arrival order, parked too. The wait
 * for a chunk is not interruptible: an interrupt acts by closing the channel, which waits for the chunk, and the
 * channel's {@code end} then reports it.
 *
 * <p><b>Refusals.</b> Where the kernel will not copy between the two files — {@code EXDEV} (file systems of
 * different types), {@code EINVAL} (a file that is not regular, overlapping ranges of one file), {@code EOPNOTSUPP},
 * {@code ENOSYS}, {@code EBADF} (an {@code O_APPEND} target), {@code EAGAIN} — {@link #chunk} returns
 * {@link #REFUSED} and the channel moves the rest through its bounce buffer.
 */
final class KernelCopy {
    /**
     * Bytes per call, which bounds how long a close waits: 8 MiB take 5-7 ms from the page cache on the 2-CPU machine
     * of lio-bench/results/notes/transfer.md (1.2-1.7 GB/s), 60 ms at 140 MB/s, the slowest 2 GiB copy seen there.
     * Against 64 MiB chunks the number of calls made no difference that the machine's noise let us see (same note).
     */
    static final long CHUNK = 8L << 20;
    /** What {@link #chunk} returns when the kernel will not copy between the two files. */
    static final long REFUSED = -1;
    /** The most copier threads (the chunks of virtual threads). */
    static final int COPIERS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    /** Not instantiable. */
    private KernelCopy() {
    }

    /**
     * Copies up to {@code length} bytes (at most {@link #CHUNK}) of {@code source} from {@code from} into
     * {@code target} at {@code to}; neither file has a position that moves. On a virtual thread the call runs on a
     * copier thread while the caller parks (see the class comment).
     *
     * @return bytes copied (0 at the end of the source), or {@link #REFUSED}
     * @throws java.nio.channels.ClosedChannelException if either file is being closed
     * @throws IOException                               for any other failure, naming the target for
     *                                                   {@code ENOSPC}, {@code EDQUOT} and {@code EFBIG}, else
     *                                                   the source
     */
    static long chunk(RingFile source, long from, RingFile target, long to, long length) throws IOException {
        source.checkNotLoopThread("FileChannel.transfer");
        long bounded = Math.min(length, CHUNK);
        if (!Thread.currentThread().isVirtual()) {
            return copy(source, from, target, to, bounded);
        }
        CompletableFuture<Long> done = CompletableFuture.supplyAsync(() -> {
            try {
                return copy(source, from, target, to, bounded);
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

    /** One {@code copy_file_range} (repeated after {@code EINTR}), on this thread. */
    private static long copy(RingFile source, long from, RingFile target, long to, long length) throws IOException {
        try (FileRangeCalls calls = new FileRangeCalls()) {
            while (true) {
                long n = source.withDescriptors(target,
                        (in, out) -> calls.copyFileRange((int) in, from, (int) out, to, length));
                if (n >= 0) {
                    return n;
                }
                Errno errno = Errno.of((int) -n);
                switch (errno) {
                    case EINTR -> {
                        // a signal before any byte moved: again
                    }
                    case EXDEV, EINVAL, EOPNOTSUPP, ENOSYS, EBADF, EAGAIN -> {
                        return REFUSED;
                    }
                    case ENOSPC, EDQUOT, EFBIG -> throw JdkFileErrors.ofIo("copy_file_range", target.path(), (int) n);
                    default -> throw JdkFileErrors.ofIo("copy_file_range", source.path(), (int) n);
                }
            }
        }
    }

    /** Holder: the JVM makes the copier threads' pool on the first chunk of a virtual thread, once. */
    private static final class Copiers {
        static final ThreadPoolExecutor POOL = create();

        private static ThreadPoolExecutor create() {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(COPIERS, COPIERS, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), Thread.ofPlatform().daemon().name("lio-file-copy-", 1).factory());
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }
}
