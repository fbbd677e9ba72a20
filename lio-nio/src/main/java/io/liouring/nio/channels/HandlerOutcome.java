package io.liouring.nio.channels;

import java.nio.channels.CompletionHandler;

/**
 * Delivers a result to a {@link CompletionHandler} through its group ({@link LioChannelGroup#invoke}): on one of
 * the group's threads, never on an event-loop thread.
 *
 * @param <V> the result type
 * @param <A> the attachment type
 */
final class HandlerOutcome<V, A> extends Outcome<V> {
    private final LioChannelGroup group;
    private final CompletionHandler<V, ? super A> handler;
    private final A attachment;

    HandlerOutcome(LioChannelGroup group, CompletionHandler<V, ? super A> handler, A attachment) {
        this.group = group;
        this.handler = handler;
        this.attachment = attachment;
    }

    @Override
    void succeed(V value) {
        group.invoke(new HandlerTask<>(group, handler, attachment, value, null));
    }

    @Override
    void fail(Throwable failure) {
        group.invoke(new HandlerTask<>(group, handler, attachment, null, failure));
    }
}
