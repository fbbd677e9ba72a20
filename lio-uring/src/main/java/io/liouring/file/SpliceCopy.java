package io.liouring.file;

import io.liouring.UringException;
import io.liouring.async.IoFuture;
import io.liouring.internal.IoErrors;
import io.liouring.internal.Pipes;
import io.liouring.operation.Splice;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

/**
 * A range of one file copied into another by page moves, where {@code copy_file_range(2)} cannot ({@link
 * FileTransfer}): {@link #LANES} lanes, each with its own pipe, each taking the next chunk of the range and moving
 * it with {@code IORING_OP_SPLICE} file → pipe, then pipe → file at the matching offset of the target. The source's pages
 * go into the pipe by reference; only the move into the target's page cache copies bytes, once, as
 * {@code copy_file_range(2)} does on a file system that cannot share extents. No user memory is involved.
 */
final class SpliceCopy {
    /** Chunks moved at once: enough to keep the io-wq workers that run splices busy on two CPUs. */
    static final int LANES = 4;
    /** Bytes per splice: the default {@code /proc/sys/fs/pipe-max-size}, so an unprivileged process gets it. */
    static final int CHUNK = 1 << 20;

    private SpliceCopy() {
    }

    /** How often the calling thread tells the progress listener the bytes copied so far. */
    private static final long PROGRESS_NANOS = 100_000_000;

    /**
     * Copies {@code length} bytes from offset {@code inAt} of {@code in} to offset {@code outAt} of {@code out};
     * fewer if the source ends early. Neither file's position moves.
     *
     * @param progress told the bytes copied so far, on the calling thread, every tenth of a second and at the end
     * @throws IOException naming the file and errno of the first failure (EINVAL: a file that cannot be spliced)
     */
    static long copy(AsyncFile in, long inAt, AsyncFile out, long outAt, long length, LongConsumer progress)
            throws IOException {
        Lanes lanes = new Lanes(in, inAt, out, outAt, length);
        int count = (int) Math.max(1, Math.min(LANES, (length + CHUNK - 1) / CHUNK));
        CompletableFuture<?>[] done = new CompletableFuture<?>[count];
        int[][] pipes = new int[count][];
        try {
            for (int i = 0; i < count; i++) {
                pipes[i] = Pipes.open(CHUNK);
            }
            for (int i = 0; i < count; i++) {
                done[i] = new Lane(lanes, pipes[i][0], pipes[i][1], Math.min(CHUNK, pipes[i][2])).start();
            }
            // Every lane ends only after the kernel has released its last splice, so the pipes may close after.
            CompletableFuture<Void> all = CompletableFuture.allOf(done);
            while (true) {
                try {
                    all.get(PROGRESS_NANOS, TimeUnit.NANOSECONDS);
                    break;
                } catch (TimeoutException e) {
                    progress.accept(lanes.copied.get());
                } catch (ExecutionException e) {
                    throw new CompletionException(e.getCause());
                } catch (InterruptedException e) {
                    lanes.stop.set(true); // the lanes finish their chunks in flight, then stop; wait for that
                    all.exceptionally(failure -> null).join();
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("copy of " + in.path() + " interrupted after "
                            + lanes.copied.get() + " bytes");
                }
            }
        } catch (UringException e) {
            throw IoErrors.file(e.call(), in.path(), -e.errnoNumber());
        } catch (CompletionException e) {
            throw IoErrors.onCallerThread(e);
        } finally {
            for (int[] pipe : pipes) {
                if (pipe != null) {
                    Pipes.close(pipe);
                }
            }
        }
        progress.accept(lanes.copied.get());
        return lanes.copied.get();
    }

    /**
     * What the lanes share: the files, where the range starts in each, its length, the next offset within it to
     * take, the bytes copied, and whether to stop.
     */
    private static final class Lanes {
        final AsyncFile in;
        final long inAt;
        final AsyncFile out;
        final long outAt;
        final long length;
        final AtomicLong cursor = new AtomicLong();
        final AtomicLong copied = new AtomicLong();
        final AtomicBoolean stop = new AtomicBoolean();

        Lanes(AsyncFile in, long inAt, AsyncFile out, long outAt, long length) {
            this.in = in;
            this.inAt = inAt;
            this.out = out;
            this.outAt = outAt;
            this.length = length;
        }
    }

    /** One chunk at a time: fill the pipe from the source, drain it into the target, take the next chunk. */
    private static final class Lane {
        private final Lanes lanes;
        private final int pipeRead;
        private final int pipeWrite;
        private final int chunk;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        Lane(Lanes lanes, int pipeRead, int pipeWrite, int chunk) {
            this.lanes = lanes;
            this.pipeRead = pipeRead;
            this.pipeWrite = pipeWrite;
            this.chunk = chunk;
        }

        CompletableFuture<Void> start() {
            next();
            return done;
        }

        private void next() {
            long at = lanes.cursor.getAndAdd(chunk);
            if (lanes.stop.get() || at >= lanes.length) {
                done.complete(null);
                return;
            }
            int length = (int) Math.min(chunk, lanes.length - at);
            AsyncFile in = lanes.in;
            then(in.submitOnHandle(fd -> new Splice(fd, lanes.inAt + at, pipeWrite, -1, length)), filled -> {
                if (filled == 0) {
                    lanes.stop.set(true); // the source ended early (it shrank): copy what there is
                    done.complete(null);
                } else {
                    drain(at, filled, 0);
                }
            });
        }

        private void drain(long at, int filled, int moved) {
            long to = lanes.outAt + at + moved;
            then(lanes.out.submitOnHandle(fd -> new Splice(pipeRead, -1, fd, to, filled - moved)), n -> {
                if (n == 0) {
                    fail(new IOException("splice into " + lanes.out.path() + " at offset " + to
                            + " moved nothing with " + (filled - moved) + " bytes in the pipe"));
                } else if (moved + n < filled) {
                    drain(at, filled, moved + n);
                } else {
                    lanes.copied.addAndGet(filled);
                    next();
                }
            });
        }

        private void fail(Throwable failure) {
            lanes.stop.set(true);
            done.completeExceptionally(failure);
        }

        /** Goes on with {@code then} once {@code splice} has succeeded and the kernel has released it. */
        private void then(IoFuture<Integer> splice, IntConsumer then) {
            splice.whenComplete((n, error) -> splice.released().whenComplete((ignored, alsoIgnored) -> {
                if (error != null) {
                    fail(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                } else {
                    then.accept(n);
                }
            }));
        }
    }
}
