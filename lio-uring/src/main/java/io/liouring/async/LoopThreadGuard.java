package io.liouring.async;

/**
 * The rule that nothing blocks on a loop's own thread: the loop would wait for a completion that only it can
 * reap. Every blocking entry point of this package asks here first.
 */
final class LoopThreadGuard {
    private LoopThreadGuard() {
    }

    /**
     * @param loop the loop the caller would wait on ({@code null}: no loop, nothing to check)
     * @param call what the caller is about to do, for the message
     * @throws IllegalStateException if this is {@code loop}'s thread
     */
    static void refuseBlocking(EventLoop loop, String call) {
        if (loop != null && loop.inLoop()) {
            throw new IllegalStateException(call + " on the event loop thread " + loop.name()
                    + " would wait for itself forever; chain a callback on the future instead"
                    + " (thenAccept, whenComplete) or block on another thread");
        }
    }
}
