package io.liouring.nio.channels;

import java.nio.channels.CompletionHandler;

/**
 * One call of a {@link CompletionHandler}, run by its group: {@code completed} with the value, or {@code failed}
 * with the failure. What the handler throws is not caught: on a pool thread it reaches the thread's
 * uncaught-exception handler, as with the JDK's groups.
 */
final class HandlerTask<V, A> implements Runnable {
    private final LioChannelGroup group;
    private final CompletionHandler<V, ? super A> handler;
    private final A attachment;
    private final V value;
    private final Throwable failure;

    HandlerTask(LioChannelGroup group, CompletionHandler<V, ? super A> handler, A attachment, V value,
                Throwable failure) {
        this.group = group;
        this.handler = handler;
        this.attachment = attachment;
        this.value = value;
        this.failure = failure;
    }

    /** Runs on a pool thread: as a thread of the group for the call, so the handler's own calls may run directly. */
    @Override
    public void run() {
        group.runAsGroupThread(this);
    }

    /**
     * Calls the handler on the current thread, then clears the thread's interrupt status, as the JDK's channels do:
     * a group's thread runs one handler after another, and an interrupt a handler leaves behind must not reach the
     * next (or, on a fixed group, the event loop the thread drives).
     */
    void callHandler() {
        if (failure == null) {
            handler.completed(value, attachment);
        } else {
            handler.failed(failure, attachment);
        }
        Thread.interrupted();
    }
}
