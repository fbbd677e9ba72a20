package io.liouring.nio.channels.conformance;

import java.nio.channels.CompletionHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link CompletionHandler} that records what it was given: the outcome (as a future the test waits on), the
 * attachment, the thread it ran on and how often it was invoked.
 */
final class Recorder<V, A> implements CompletionHandler<V, A> {

    /** Completes with the result, or exceptionally with the failure, of the first invocation. */
    final CompletableFuture<V> outcome = new CompletableFuture<>();
    final AtomicInteger invocations = new AtomicInteger();
    volatile Thread thread;
    volatile A attachment;

    @Override
    public void completed(V result, A attachment) {
        record(attachment);
        outcome.complete(result);
    }

    @Override
    public void failed(Throwable exc, A attachment) {
        record(attachment);
        outcome.completeExceptionally(exc);
    }

    private void record(A attachment) {
        this.thread = Thread.currentThread();
        this.attachment = attachment;
        invocations.incrementAndGet();
    }
}
