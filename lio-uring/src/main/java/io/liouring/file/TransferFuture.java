package io.liouring.file;

import io.liouring.Operation;
import io.liouring.async.FdHandle;
import io.liouring.async.IoFuture;
import io.liouring.async.ResultMapper;
import io.liouring.operation.Read;
import io.liouring.operation.Write;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A read or write of a whole buffer ({@link AsyncFile#readFullyAsync}, {@link AsyncFile#writeFullyAsync}) as a
 * chain of requests, each resubmitting the rest after a short transfer; completes with the bytes moved (fewer
 * than the buffer only when a read meets end of file). Cancelling it cancels the request in progress;
 * {@link #released()} says when the kernel is done with the buffer, after which it may be freed. A close of
 * the file during the transfer fails it with {@link AsynchronousCloseException}.
 */
public final class TransferFuture extends CompletableFuture<Long> {
    private final FdHandle file;
    private final MemorySegment buffer;
    private final long position;
    private final boolean write;
    private final ResultMapper<Integer> results;
    private final CompletableFuture<Void> released;
    private long done;
    private volatile IoFuture<Integer> current;

    TransferFuture(FdHandle file, MemorySegment buffer, long position, boolean write, ResultMapper<Integer> results) {
        this.file = file;
        this.buffer = buffer;
        this.position = position;
        this.write = write;
        this.results = results;
        this.released = file.loop().newFuture();
    }

    TransferFuture start() {
        if (buffer.byteSize() == 0) {
            released.complete(null);
            complete(0L);
        } else {
            step();
        }
        return this;
    }

    /**
     * Completes once the kernel will not touch the buffer again: after the last request of the transfer has been
     * released, however the transfer ended (completed, failed, cancelled). Close the buffer's arena only after this.
     *
     * @return a future that completes, never exceptionally, once the buffer is the caller's again
     */
    public CompletableFuture<Void> released() {
        return released.copy();
    }

    private void step() {
        MemorySegment rest = buffer.asSlice(done, Math.min(buffer.byteSize() - done, Integer.MAX_VALUE));
        long at = position + done;
        Operation operation = write ? new Write(file.fd(), rest, at) : new Read(file.fd(), rest, at);
        IoFuture<Integer> request;
        try {
            request = file.submit(operation, io.liouring.SqeFlags.NONE, null, results);
        } catch (RuntimeException | Error e) {
            // Nothing of this step reached the loop; the previous one is released already.
            released.complete(null);
            completeExceptionally(e);
            return;
        }
        current = request;
        if (isCancelled()) {
            request.cancel(false);
        }
        request.whenComplete(this::stepDone);
    }

    private void stepDone(Integer n, Throwable error) {
        if (error != null || isDone() || n == 0 || done + n == buffer.byteSize()) {
            current.released().whenComplete((kernel, e) -> released.complete(null));
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (done > 0 && cause instanceof ClosedChannelException && !(cause instanceof AsynchronousCloseException)) {
                cause = new AsynchronousCloseException(); // closed between two requests of this transfer
            }
            completeExceptionally(cause);
            return;
        }
        if (isDone()) {
            // Cancelled between the check above and this one: the request just finished is the last.
            current.released().whenComplete((kernel, e) -> released.complete(null));
            return;
        }
        if (n == 0) {
            if (write) {
                completeExceptionally(noProgress());
            } else {
                complete(done);
            }
            return;
        }
        done += n;
        if (done == buffer.byteSize()) {
            complete(done);
        } else {
            step();
        }
    }

    static IOException noProgress() {
        return new IOException("write made no progress: the kernel wrote 0 bytes of a non-empty buffer (EIO)");
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        IoFuture<Integer> request = current;
        if (cancelled && request != null) {
            request.cancel(mayInterruptIfRunning);
        }
        return cancelled;
    }

    /** As {@link CompletableFuture#get()}; on the loop thread, which would wait for itself, an {@link IllegalStateException}. */
    @Override
    public Long get() throws InterruptedException, java.util.concurrent.ExecutionException {
        refuseOnLoopThread("get()");
        return super.get();
    }

    /** As {@link CompletableFuture#get(long, java.util.concurrent.TimeUnit)}; refused on the loop thread as {@link #get()} is. */
    @Override
    public Long get(long timeout, java.util.concurrent.TimeUnit unit)
            throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        refuseOnLoopThread("get(timeout)");
        return super.get(timeout, unit);
    }

    /** As {@link CompletableFuture#join()}; refused on the loop thread as {@link #get()} is. */
    @Override
    public Long join() {
        refuseOnLoopThread("join()");
        return super.join();
    }

    private void refuseOnLoopThread(String call) {
        if (!isDone()) {
            file.loop().checkNotLoopThread("TransferFuture." + call);
        }
    }

    /** Derived stages refuse to block on the loop thread too. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return file.loop().newFuture();
    }
}
