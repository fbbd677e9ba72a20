package io.liouring.async;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bound on a loop's outstanding requests (handed over, or in the kernel), so that a producer much faster
 * than the ring cannot grow the hand-over queue and the request table without limit. At the bound a
 * submitting thread parks until a request is released (a virtual thread unmounts). A loop thread (this loop's
 * or another's), which must not park, is let through over the bound: what it submits follows from completions (the next step of a
 * transfer, the re-arm of a receive, a callback's reply), and its requests count against the bound, so other
 * threads wait the longer. The loop's own requests (a handle's cancel and close) are not counted: they are
 * bounded by the number of handles.
 */
final class Admission {
    private final int bound;
    private final Permits permits;
    private final AtomicBoolean opened = new AtomicBoolean();

    Admission(int bound) {
        this.bound = bound;
        this.permits = new Permits(bound);
    }

    /** Takes a permit for a new request: parks until one is free, except on a loop thread (see above). */
    void admit(EventLoop loop) {
        if (permits.tryAcquire()) {
            return;
        }
        if (LoopThreadGuard.onLoopThread()) { // this loop's or another's: a loop thread never parks
            permits.overdraw();
            return;
        }
        permits.acquireUninterruptibly();
    }

    /** Gives a released request's permit back. */
    void release() {
        permits.release();
    }

    /** Once the loop is closing: lets every parked submitter through, to find the loop closed. Idempotent. */
    void openForever() {
        if (opened.compareAndSet(false, true)) {
            permits.release(Integer.MAX_VALUE / 2);
        }
    }

    int bound() {
        return bound;
    }

    /** A semaphore whose permits the loop thread may take below zero. */
    private static final class Permits extends Semaphore {
        private static final long serialVersionUID = 1L;

        Permits(int permits) {
            super(permits);
        }

        void overdraw() {
            reducePermits(1);
        }
    }
}
