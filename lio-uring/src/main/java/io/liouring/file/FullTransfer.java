package io.liouring.file;

import io.liouring.Errno;
import io.liouring.UringException;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.operation.Read;
import io.liouring.operation.Write;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletionException;

/**
 * A read or write of a whole buffer as a chain of requests, each resubmitting the rest after a short
 * transfer; completes with the bytes moved (fewer than the buffer only when a read meets end of file).
 * Cancelling it cancels the request in progress.
 */
final class FullTransfer extends java.util.concurrent.CompletableFuture<Long> {
    private final EventLoop loop;
    private final int fd;
    private final MemorySegment buffer;
    private final long position;
    private final boolean write;
    private long done;
    private volatile IoFuture<Integer> current;

    FullTransfer(EventLoop loop, int fd, MemorySegment buffer, long position, boolean write) {
        this.loop = loop;
        this.fd = fd;
        this.buffer = buffer;
        this.position = position;
        this.write = write;
    }

    static UringException noProgress() {
        return new UringException("Write", Errno.EIO.number(), "the kernel wrote 0 bytes of a non-empty buffer");
    }

    FullTransfer start() {
        if (buffer.byteSize() == 0) {
            complete(0L);
        } else {
            step();
        }
        return this;
    }

    private void step() {
        MemorySegment rest = buffer.asSlice(done, Math.min(buffer.byteSize() - done, Integer.MAX_VALUE));
        long at = position + done;
        IoFuture<Integer> request = loop.submitResult(write ? new Write(fd, rest, at) : new Read(fd, rest, at));
        current = request;
        if (isCancelled()) {
            request.cancel(false);
        }
        request.whenComplete(this::stepDone);
    }

    private void stepDone(Integer n, Throwable error) {
        if (error != null) {
            completeExceptionally(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            return;
        }
        if (isDone()) {
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

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        IoFuture<Integer> request = current;
        if (cancelled && request != null) {
            request.cancel(mayInterruptIfRunning);
        }
        return cancelled;
    }

    @Override
    public <U> java.util.concurrent.CompletableFuture<U> newIncompleteFuture() {
        return new java.util.concurrent.CompletableFuture<>();
    }
}
