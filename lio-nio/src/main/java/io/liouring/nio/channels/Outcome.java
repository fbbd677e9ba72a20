package io.liouring.nio.channels;

/**
 * Where the result of one asynchronous operation goes: a {@link java.nio.channels.CompletionHandler} run on the
 * group's threads ({@link HandlerOutcome}), or a {@link java.util.concurrent.Future} ({@link OperationFuture}).
 * Exactly one of {@link #succeed} and {@link #fail} takes effect.
 *
 * @param <V> the result type
 */
abstract sealed class Outcome<V> permits HandlerOutcome, OperationFuture {
    /** Delivers the result. */
    abstract void succeed(V value);

    /** Delivers the failure. */
    abstract void fail(Throwable failure);

    /** Whether the caller gave up on the operation ({@link java.util.concurrent.Future#cancel}). */
    boolean isCancelled() {
        return false;
    }
}
