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
    /** Whether the handler may run on the current thread when that is one of the group's (see the group). */
    private final boolean mayRunDirectly;

    HandlerOutcome(LioChannelGroup group, CompletionHandler<V, ? super A> handler, A attachment) {
        this(group, handler, attachment, true);
    }

    private HandlerOutcome(LioChannelGroup group, CompletionHandler<V, ? super A> handler, A attachment,
                           boolean mayRunDirectly) {
        this.group = group;
        this.handler = handler;
        this.attachment = attachment;
        this.mayRunDirectly = mayRunDirectly;
    }

    /**
     * An outcome whose handler is always handed to the group, never run on the thread that delivers it: for an
     * accept, whose handler the Javadoc says is not invoked directly by the initiating thread.
     */
    static <V, A> HandlerOutcome<V, A> neverDirect(LioChannelGroup group, CompletionHandler<V, ? super A> handler,
                                                   A attachment) {
        return new HandlerOutcome<>(group, handler, attachment, false);
    }

    @Override
    void succeed(V value) {
        deliver(new HandlerTask<>(group, handler, attachment, value, null));
    }

    @Override
    void fail(Throwable failure) {
        deliver(new HandlerTask<>(group, handler, attachment, null, failure));
    }

    private void deliver(HandlerTask<V, A> task) {
        if (mayRunDirectly) {
            group.invoke(task);
        } else {
            group.dispatch(task);
        }
    }
}
