package io.liouring.async;

/**
 * The rule that nothing blocks on an event loop's thread — any loop's, not only the one waited on: a loop thread
 * that parks stops reaping, and a callback on loop A that waits for loop B while one on B waits for A would
 * deadlock both. Every blocking entry point of this package asks here first.
 */
final class LoopThreadGuard {
    /** The loop whose thread this is, set once when the thread starts. */
    private static final ThreadLocal<EventLoop> LOOP = new ThreadLocal<>();

    private LoopThreadGuard() {
    }

    /** Marks the calling thread as {@code loop}'s. */
    static void enter(EventLoop loop) {
        LOOP.set(loop);
    }

    /** Whether the calling thread is an event loop's thread. */
    static boolean onLoopThread() {
        return LOOP.get() != null;
    }

    /**
     * @param loop the loop the caller would wait on (for the message; {@code null} if none)
     * @param call what the caller is about to do, for the message
     * @throws IllegalStateException if this is any event loop's thread
     */
    static void refuseBlocking(EventLoop loop, String call) {
        EventLoop current = LOOP.get();
        if (current != null) {
            throw new IllegalStateException(call + " on the event loop thread " + current.name()
                    + (loop == null || loop == current ? " would wait for itself forever"
                    : " would stop it reaping while it waits for " + loop.name())
                    + "; chain a callback on the future instead (thenAccept, whenComplete) or block on another thread");
        }
    }
}
