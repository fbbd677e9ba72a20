package io.liouring.async;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * The bound on a loop's outstanding requests (handed over, or in the kernel), so that a producer much faster
 * than the ring cannot grow the hand-over queue and the request table without limit. At the bound a
 * submitting thread parks until a request is released (a virtual thread unmounts); the loop thread, which
 * cannot park, gets a {@link RejectedExecutionException} instead. The loop's own requests (a handle's cancel
 * and close) are not counted: they are bounded by the number of handles.
 */
final class Admission {
    private final int bound;
    private final Semaphore permits;

    Admission(int bound) {
        this.bound = bound;
        this.permits = new Semaphore(bound);
    }

    /**
     * Takes a permit for a new request: parks until one is free, except on the loop thread.
     *
     * @throws RejectedExecutionException on the loop thread when the bound is reached
     */
    void admit(EventLoop loop) {
        if (permits.tryAcquire()) {
            return;
        }
        if (loop.inLoop()) {
            throw new RejectedExecutionException("event loop " + loop.name() + " has " + bound
                    + " requests outstanding (EventLoop.Builder.maxRequests) and its own thread cannot wait for"
                    + " one to finish; submit from another thread, or raise the bound");
        }
        permits.acquireUninterruptibly();
    }

    /** Gives a released request's permit back. */
    void release() {
        permits.release();
    }

    /** After the loop has ended: lets every parked submitter through, to find the loop closed. */
    void openForever() {
        permits.release(Integer.MAX_VALUE / 2);
    }

    int bound() {
        return bound;
    }
}
