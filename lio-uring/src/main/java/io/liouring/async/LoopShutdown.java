package io.liouring.async;

import io.liouring.Feature;
import io.liouring.LioUring;

/**
 * The steps of a close, on the loop thread: refuse what is handed over, cancel what is in the kernel, and wait, at
 * most the close grace, for the kernel to release it. What the kernel still holds then is given up on: its futures
 * fail and {@link EventLoop#close()} returns. But its memory is not freed under the kernel: the loop thread goes on
 * reaping (and cancelling, once a second) in the background, and only when the kernel has let go of the last
 * request are the ring and the loop's memory released, and each request's {@link IoFuture#released()} completed.
 */
final class LoopShutdown {
    private static final long POLL_NANOS = 100_000_000L;
    private static final long CANCEL_AGAIN_NANOS = 1_000_000_000L;
    private final EventLoop loop;
    private long nextCancel;

    LoopShutdown(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * Cancels everything and waits for it, at most the close grace.
     *
     * @return whether the kernel still holds requests (their futures have then failed; call {@link #reapUntilReleased})
     */
    boolean cancelAndWait() {
        try {
            refuseHandedOver();
            cancelEverything();
            loop.reap();
            long start = System.nanoTime();
            nextCancel = start + CANCEL_AGAIN_NANOS;
            while (stillHeld() && System.nanoTime() - start < loop.closeGraceNanos) {
                step();
                refuseHandedOver();
            }
        } catch (RuntimeException | Error e) {
            loop.recordFailure(e);
        }
        boolean held = stillHeld();
        if (held) {
            loop.requests.forEachInKernel(r -> {
                if (!r.moreToCome) { // a sent zero-copy send keeps its result: it completes at its notification
                    r.failFuture(loop.closedException("the kernel still held the request after the close"
                            + " grace; it is cancelled again until the kernel lets go, and its memory is released"
                            + " only then (see released())"));
                }
            });
        }
        return held;
    }

    /** After the close grace, in the background: reaps until the kernel has released every request. */
    void reapUntilReleased() {
        try {
            while (stillHeld()) {
                step();
            }
        } catch (RuntimeException | Error e) {
            loop.recordFailure(e); // the ring failed: nothing more can be learnt from it
        }
    }

    private void step() {
        waitBriefly();
        loop.reap();
        if (System.nanoTime() - nextCancel >= 0) {
            loop.requests.cancelAll();
            nextCancel += CANCEL_AGAIN_NANOS;
        }
        loop.requests.pushFollowUps();
    }

    /** Whether the kernel still holds any request of the loop's, its wake-up read included. */
    boolean stillHeld() {
        return loop.requests.inFlight() > 0 || loop.waker.isArmed();
    }

    private void waitBriefly() {
        LioUring ring = loop.ring;
        if (ring.hasFeature(Feature.EXT_ARG)) {
            ring.submitAndWait(1, POLL_NANOS);
        } else {
            loop.waitForCompletions(true);
        }
    }

    private void refuseHandedOver() {
        Request r;
        while ((r = loop.queue.poll()) != null) {
            loop.dropOrIgnore(r);
        }
        loop.failTasks();
    }

    private void cancelEverything() {
        loop.requests.cancelAll();
        loop.requests.pushFollowUps();
        loop.waitForCompletions(false);
    }
}
