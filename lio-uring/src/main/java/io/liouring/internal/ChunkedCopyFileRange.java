package io.liouring.internal;

import io.liouring.Errno;
import io.liouring.async.FdHandle;

import java.nio.channels.ClosedChannelException;
import java.util.function.LongConsumer;

/**
 * {@code copy_file_range(2)} over a range of one file into another, one chunk per call, each call holding a reference
 * to both descriptors ({@link FdHandle#withDescriptors}): a close of either waits for the chunk under way, no longer,
 * and no chunk runs on a descriptor number that has been given back. The one copy loop of lio-uring's
 * {@code AsyncFile.transferTo} and of lio-nio's file channels' transfers; each decides what a stopping error means
 * (a refusal to take another way, or a failure to report).
 *
 * <p>One instance per copy, used by one thread: it holds that thread's {@link FileRangeCalls}.
 */
public final class ChunkedCopyFileRange {
    private static final int EINTR = Errno.EINTR.number();

    private final FileRangeCalls calls;
    private final FdHandle source;
    private final FdHandle target;
    private final long chunk;
    private int errno;

    /**
     * A copy from {@code source} into {@code target}, at most {@code chunk} bytes per call.
     *
     * @param calls  the calling thread's system calls
     * @param source a regular file open for reading
     * @param target a regular file open for writing
     * @param chunk  bytes per call, positive: the longest a close of either file waits
     */
    public ChunkedCopyFileRange(FileRangeCalls calls, FdHandle source, FdHandle target, long chunk) {
        if (chunk <= 0) {
            throw new IllegalArgumentException("chunk must be positive: " + chunk);
        }
        this.calls = calls;
        this.source = source;
        this.target = target;
        this.chunk = chunk;
    }

    /**
     * Copies up to {@code length} bytes of the source from {@code from} into the target at {@code to}; neither file's
     * position moves. Stops early at the end of the source (a call that copies nothing) or at the first error other
     * than {@code EINTR} (a signal before any byte moved, which is retried): {@link #errno()} tells them apart.
     *
     * @param progress told the bytes copied so far by this call after each chunk
     * @return the bytes copied
     * @throws ClosedChannelException if either file is being closed; {@code progress} has been told what was copied
     */
    public long copy(long from, long to, long length, LongConsumer progress) throws ClosedChannelException {
        errno = 0;
        long done = 0;
        while (done < length) {
            long at = done;
            long n = source.withDescriptors(target, (in, out) ->
                    calls.copyFileRange((int) in, from + at, (int) out, to + at, Math.min(chunk, length - at)));
            if (n == -EINTR) {
                continue;
            }
            if (n < 0) {
                errno = (int) -n;
                break;
            }
            if (n == 0) {
                break; // the source ended
            }
            done += n;
            progress.accept(done);
        }
        return done;
    }

    /** {@return the error that stopped the last {@link #copy} (a positive errno), or 0 if none did} */
    public int errno() {
        return errno;
    }
}
