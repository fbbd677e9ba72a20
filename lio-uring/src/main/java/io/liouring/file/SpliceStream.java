package io.liouring.file;

import io.liouring.Errno;
import io.liouring.async.IoFuture;
import io.liouring.internal.IoErrors;
import io.liouring.operation.Splice;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

/**
 * One file's bytes streamed into another by {@code IORING_OP_SPLICE}, in order, at both files' positions, with the
 * event loop driving the splices: each splice's completion, on the loop thread, submits the next one, so the calling
 * thread only waits for the end and tells progress. (Handing every splice over from the caller and waking the caller
 * for every completion cost more CPU than the splices themselves: io_uring runs each splice on an io-wq worker, so
 * a caller-driven splice is two thread hand-offs more.) Two shapes:
 * <ul>
 *   <li><b>direct</b>, when one side is a pipe: source → target, up to {@link SpliceCopy#CHUNK} bytes per splice
 *       (fewer when the target pipe has less room);</li>
 *   <li><b>through a pipe of our own</b> otherwise (a socket, a terminal, an {@code O_APPEND} file): source → pipe
 *       (1 MiB), then pipe → target until the pipe is empty, then the next MiB. The source's pages go into the pipe
 *       by reference; the target copies them once.</li>
 * </ul>
 * A splice that waits (a full pipe, a slow reader) waits on an io-wq worker, never on the loop thread.
 *
 * <p>Both descriptors are held open ({@link AsyncFile#withDescriptors}) for the whole stream, and each splice is
 * submitted through the handle of the file that is the splice's output ({@code sqe->fd}, which a close's cancel
 * matches), or the source's for a splice into our own pipe. A close of the file a splice waits on cancels it, and
 * the stream fails with {@link AsynchronousCloseException}.
 */
final class SpliceStream {
    private static final int EINVAL = Errno.EINVAL.number();
    private static final int EINTR = Errno.EINTR.number();
    /** How often the calling thread tells the progress listener the bytes copied so far. */
    private static final long PROGRESS_NANOS = 100_000_000;

    /** How a stream ended without failing. */
    record Outcome(long copied, boolean refused, int leftInPipe) {
    }

    private final AsyncFile in;
    private final AsyncFile out;
    private final int inFd;
    private final int outFd;
    /** {@code {readEnd, writeEnd}} of our own pipe, or {@code null} for a direct stream. */
    private final int[] pipe;
    private final int chunk;
    private final CompletableFuture<Outcome> done = new CompletableFuture<>();
    /** Written on the loop thread only; read by the caller for progress. */
    private volatile long copied;
    /** Set by an interrupted caller: the chain ends at its next completion. */
    private volatile boolean stop;
    /** The splice in flight, for the interrupted caller to cancel. */
    private volatile IoFuture<Integer> current;
    private int filled;
    private int moved;

    private SpliceStream(AsyncFile in, int inFd, AsyncFile out, int outFd, int[] pipe, int chunk) {
        this.in = in;
        this.out = out;
        this.inFd = inFd;
        this.outFd = outFd;
        this.pipe = pipe;
        this.chunk = chunk;
    }

    /**
     * Streams {@code in} from its position into {@code out} at its position until the source's end (a pipe's:
     * until its writers are gone), both positions moving on.
     *
     * @param pipe {@code {readEnd, writeEnd, capacity}} of a pipe of ours to go through, or {@code null} when one side
     *             is a pipe (direct)
     * @param progress told the bytes copied so far, on the calling thread, every tenth of a second and at the end
     * @return how it ended: the bytes copied; {@code refused} if the kernel cannot splice this pair ({@code EINVAL}
     *         before any byte reached the target), with {@code leftInPipe} bytes of the source already in our pipe
     * @throws IOException the first failure, naming the file it concerns; {@link AsynchronousCloseException} if
     *                     either file was closed meanwhile; {@link InterruptedIOException} if the caller was interrupted
     */
    static Outcome copy(AsyncFile in, AsyncFile out, int[] pipe, LongConsumer progress) throws IOException {
        Object[] result = new Object[1];
        in.withDescriptors(out, (inFd, outFd) -> {
            int chunk = pipe == null ? SpliceCopy.CHUNK : Math.min(SpliceCopy.CHUNK, pipe[2]);
            SpliceStream stream = new SpliceStream(in, (int) inFd, out, (int) outFd, pipe, chunk);
            try {
                result[0] = stream.run(progress);
            } catch (IOException e) {
                result[0] = e;
            }
            return 0;
        });
        if (result[0] instanceof IOException e) {
            throw e;
        }
        return (Outcome) result[0];
    }

    private Outcome run(LongConsumer progress) throws IOException {
        fill();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    Outcome outcome = done.get(PROGRESS_NANOS, TimeUnit.NANOSECONDS);
                    if (interrupted) {
                        throw new InterruptedIOException("transfer from " + in.path() + " interrupted after "
                                + copied + " bytes");
                    }
                    progress.accept(outcome.copied());
                    return outcome;
                } catch (TimeoutException e) {
                    progress.accept(copied);
                } catch (ExecutionException e) {
                    if (interrupted) {
                        throw new InterruptedIOException("transfer from " + in.path() + " interrupted after "
                                + copied + " bytes");
                    }
                    throw IoErrors.onCallerThread(e.getCause());
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop = true; // the chain ends at its next completion; the splice in flight is cancelled
                    IoFuture<Integer> splice = current;
                    if (splice != null) {
                        splice.cancel(false);
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The next splice from the source: into our pipe, or straight into the target. */
    private void fill() {
        if (stop) {
            done.completeExceptionally(new InterruptedIOException());
            return;
        }
        if (pipe == null) {
            submit(out, new Splice(inFd, -1, outFd, -1, chunk), this::filledDirect, true);
        } else {
            submit(in, new Splice(inFd, -1, pipe[1], -1, chunk), this::filledPipe, false);
        }
    }

    private void filledDirect(int n) {
        if (n == 0) {
            done.complete(new Outcome(copied, false, 0));
        } else {
            copied += n;
            fill();
        }
    }

    private void filledPipe(int n) {
        if (n == 0) {
            done.complete(new Outcome(copied, false, 0));
        } else {
            filled = n;
            moved = 0;
            drain();
        }
    }

    /** What our pipe holds, into the target. */
    private void drain() {
        submit(out, new Splice(pipe[0], -1, outFd, -1, filled - moved), this::drained, false);
    }

    private void drained(int n) {
        if (n == 0) {
            done.completeExceptionally(new IOException("splice into " + out + " moved nothing with "
                    + (filled - moved) + " bytes in the pipe"));
            return;
        }
        moved += n;
        if (moved < filled) {
            drain();
        } else {
            copied += filled;
            fill();
        }
    }

    /**
     * Submits {@code splice} through {@code file}'s handle and goes on with {@code then} once it has succeeded and
     * the kernel has released it; a failure ends the stream ({@code EINTR}: the splice again).
     *
     * @param eitherSide whether a failure may concern either file (a direct splice): the target's errors then name it
     */
    private void submit(AsyncFile file, Splice splice, IntConsumer then, boolean eitherSide) {
        IoFuture<Integer> f = file.submitOnHandle(ignored -> splice);
        current = f;
        if (stop) {
            f.cancel(false); // the caller was interrupted after it looked at the splice before this one
        }
        f.whenComplete((n, error) -> f.released().whenComplete((ignored, alsoIgnored) -> {
            if (error == null) {
                then.accept(n);
            } else {
                failed(file, splice, then, eitherSide, unwrap(error));
            }
        }));
    }

    private void failed(AsyncFile file, Splice splice, IntConsumer then, boolean eitherSide, Throwable error) {
        int errno = FileTransfer.errno(error);
        if (stop) {
            done.completeExceptionally(new InterruptedIOException());
        } else if (in.isClosed() || out.isClosed()) {
            AsynchronousCloseException closed = new AsynchronousCloseException();
            closed.initCause(error);
            done.completeExceptionally(closed);
        } else if (errno == EINTR) {
            submit(file, splice, then, eitherSide);
        } else if (errno == EINVAL && copied == 0 && (pipe == null || file == in || moved == 0)) {
            // The kernel cannot splice these files: the caller reads and writes (what is in our pipe first).
            done.complete(new Outcome(0, true, pipe != null && file == out ? filled : 0));
        } else if (eitherSide && FileTransfer.isTargetError(errno)) {
            done.completeExceptionally(IoErrors.file("splice", out.path(), -errno));
        } else if (eitherSide && file == out && errno != 0) {
            done.completeExceptionally(IoErrors.file("splice", in.path(), -errno));
        } else {
            done.completeExceptionally(error);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e instanceof ClosedChannelException && !(e instanceof AsynchronousCloseException)
                ? new AsynchronousCloseException() : e;
    }
}
