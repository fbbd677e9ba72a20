package io.liouring.async;

import io.liouring.Feature;
import io.liouring.LioUring;

/**
 * The steps of a close, on the loop thread: refuse what is handed over, cancel what is in the kernel, and wait
 * (at most the close grace) for the kernel to release it; whatever it still holds then is abandoned.
 */
final class LoopShutdown {
    private static final long POLL_NANOS = 100_000_000L;
    private static final long CANCEL_AGAIN_NANOS = 1_000_000_000L;
    private final EventLoop loop;

    LoopShutdown(EventLoop loop) {
        this.loop = loop;
    }

    /** @return whether requests had to be abandoned (their memory must then stay reachable for good) */
    boolean run() {
        Requests requests = loop.requests;
        try {
            refuseHandedOver();
            cancelEverything();
            long start = System.nanoTime();
            long nextCancel = start + CANCEL_AGAIN_NANOS;
            while (stillHeld() && System.nanoTime() - start < loop.closeGraceNanos) {
                waitBriefly();
                loop.reap();
                refuseHandedOver();
                if (System.nanoTime() - nextCancel >= 0) {
                    cancelEverything();
                    nextCancel += CANCEL_AGAIN_NANOS;
                }
                requests.pushFollowUps();
            }
        } catch (RuntimeException | Error e) {
            if (loop.failure == null) {
                loop.failure = e;
            } else {
                loop.failure.addSuppressed(e);
            }
        }
        boolean leaked = stillHeld();
        if (leaked) {
            abandonInFlight();
        }
        return leaked;
    }

    private boolean stillHeld() {
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
        IoFuture<?> r;
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

    private void abandonInFlight() {
        loop.requests.abandonAll(r -> {
            r.requestState(IoFuture.ABANDONED);
            r.completeExceptionally(loop.closedException("the kernel still held the request after the close"
                    + " grace; its memory is kept reachable for good rather than freed under the kernel"));
            EventLoop.ABANDONED.add(r);
            if (r.holdsReference) { // no request can follow on this loop: the handle may close its descriptor
                r.holdsReference = false;
                r.owner.release();
            }
        });
    }
}
