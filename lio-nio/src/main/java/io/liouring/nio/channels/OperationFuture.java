package io.liouring.nio.channels;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The {@link Future} of an operation started without a handler. Cancelling follows
 * {@link java.nio.channels.AsynchronousChannel}: the future completes with a {@link CancellationException}, the
 * request is cancelled in the kernel, and the channel refuses further operations of the same kind (bytes may
 * have been transferred, so the stream is no longer known to be consistent); with
 * {@code mayInterruptIfRunning} the channel is closed as well. Only a plain {@code Future} is handed out, so no
 * caller's code is ever attached to run on an event-loop thread.
 *
 * @param <V> the result type
 */
final class OperationFuture<V> extends Outcome<V> implements Future<V> {
    private final CompletableFuture<V> result = new CompletableFuture<>();
    /** What cancelling does to the channel, given {@code mayInterruptIfRunning}; {@code null}: nothing. */
    private final Consumer<Boolean> onCancel;

    /** The request in the kernel, once submitted: a cancel cancels it there too. */
    private volatile io.liouring.async.IoFuture<?> request;

    OperationFuture(Consumer<Boolean> onCancel) {
        this.onCancel = onCancel;
    }

    /** Records the request behind this future; if the future was cancelled meanwhile, cancels the request. */
    void attach(io.liouring.async.IoFuture<?> request) {
        this.request = request;
        if (result.isCancelled()) {
            request.cancel(false);
        }
    }

    /** A future that is already complete with {@code value}. */
    static <V> OperationFuture<V> completed(V value) {
        OperationFuture<V> f = new OperationFuture<>(null);
        f.succeed(value);
        return f;
    }

    /** A future that has already failed with {@code failure}. */
    static <V> OperationFuture<V> failed(Throwable failure) {
        OperationFuture<V> f = new OperationFuture<>(null);
        f.fail(failure);
        return f;
    }

    @Override
    void succeed(V value) {
        result.complete(value);
    }

    /**
     * Fails the future. As the JDK's channels' futures do, a failure that is not an {@link java.io.IOException} (an
     * {@link IllegalStateException} for a buffer whose arena is confined or closed) is the cause of an
     * {@code IOException}, so that {@link #get()} throws an {@link ExecutionException} caused by an
     * {@code IOException} whatever went wrong.
     */
    @Override
    void fail(Throwable failure) {
        result.completeExceptionally(failure instanceof java.io.IOException || failure instanceof SecurityException
                ? failure : new java.io.IOException(failure));
    }

    /** {@inheritDoc} See the class comment for what it does to the channel. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        // completing with a CancellationException is what CompletableFuture.cancel does, but says whether this call
        // did it: a second cancel, or one after completion, has no effect (and does not close the channel)
        if (!result.completeExceptionally(new CancellationException())) {
            return false;
        }
        if (onCancel != null) {
            onCancel.accept(mayInterruptIfRunning);
        }
        io.liouring.async.IoFuture<?> r = request;
        if (r != null) {
            r.cancel(false);
        }
        return true;
    }

    /** {@inheritDoc} */
    @Override
    public boolean isCancelled() {
        return result.isCancelled();
    }

    /** {@inheritDoc} */
    @Override
    public boolean isDone() {
        return result.isDone();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the result is not there yet and this is a fixed group's loop thread, which
     *                               would wait for itself (see {@link LioChannelGroup})
     */
    @Override
    public V get() throws InterruptedException, ExecutionException {
        refuseWaitingOnALoop();
        return result.get();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the result is not there yet and this is a fixed group's loop thread
     */
    @Override
    public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        refuseWaitingOnALoop();
        return result.get(timeout, unit);
    }

    private void refuseWaitingOnALoop() {
        if (!result.isDone() && LioChannelGroup.onLoopThread()) {
            throw new IllegalStateException("Future.get on " + Thread.currentThread().getName() + ", a thread that"
                    + " runs an io_uring loop of a fixed channel group, would wait for itself: use a CompletionHandler"
                    + " there, or wait on another thread");
        }
    }

    @Override
    public String toString() {
        return "OperationFuture[" + result + "]";
    }
}
