package io.liouring.nio.channels;

import io.liouring.internal.IoErrors;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How a channel of a {@link LioChannelGroup} closes, the same for server and connection channels: from the moment
 * closing begins, what completes fails with {@link java.nio.channels.AsynchronousCloseException}; the descriptor goes
 * back to the kernel once every request on it is released ({@link SocketDescriptor#closeAsync()}); the channel leaves
 * its group once, when that has happened; and {@link #closeAndWait()} waits for it except on an event-loop thread,
 * which must never wait.
 */
final class ChannelClose {
    private final LioChannelGroup group;
    private final SocketDescriptor socket;
    private final GroupMember member;
    private final AtomicBoolean deregistering = new AtomicBoolean();
    private volatile boolean begun;

    ChannelClose(LioChannelGroup group, SocketDescriptor socket, GroupMember member) {
        this.group = group;
        this.socket = socket;
        this.member = member;
    }

    /** Whether closing has begun (or the group has marked the channel): a completion now is an asynchronous close. */
    boolean begun() {
        return begun;
    }

    /** Marks the channel closing without closing it yet (the group's {@code shutdownNow()} marks all first). */
    void mark() {
        begun = true;
    }

    /** Starts closing; the future completes when the descriptor has been closed. Any thread, any number of times. */
    CompletableFuture<Void> start() {
        begun = true;
        CompletableFuture<Void> closed = socket.closeAsync();
        if (deregistering.compareAndSet(false, true)) {
            closed.whenComplete((v, e) -> group.deregister(member));
        }
        return closed;
    }

    /**
     * Closes and waits until the descriptor is closed, uninterruptibly (an interrupt is kept for the caller); on an
     * event-loop thread it only starts closing.
     *
     * @throws IOException if closing the descriptor failed
     */
    void closeAndWait() throws IOException {
        CompletableFuture<Void> closed = start();
        if (socket.loop().inLoop() || LioChannelGroup.onLoopThread()) {
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    closed.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw IoErrors.onCallerThread(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
