package io.liouring.async;

import io.liouring.Completion;
import io.liouring.CompletionHandler;
import io.liouring.LioUring;
import io.liouring.Operation;
import io.liouring.SqeFlags;
import io.liouring.UringException;
import io.liouring.operation.AsyncCancel;
import io.liouring.operation.Close;
import io.liouring.operation.LinkTimeout;

import java.util.function.Consumer;

/**
 * The life of the loop's requests, on the loop thread: pushing them, matching completions to them, their
 * deadlines, their cancels, and their release.
 *
 * <p><b>No re-entrancy.</b> Completions are handled in a pass ({@link #reap()}), and nothing touches the
 * submission queue during a pass: a cancel decided there (a deadline, a retry) is queued and pushed by
 * {@link #pushFollowUps()} after it. A push that finds the queue full submits and reaps to make room, which is
 * legal only outside a pass; {@link #push} checks, so the rule cannot be broken by accident.
 *
 * <p><b>Deadlines.</b> A request with a timeout gets a linked {@code IORING_OP_LINK_TIMEOUT} (when the
 * submission queue has room for two entries), so the kernel cuts it short with {@code -ETIME} and no data is
 * lost to a race. The loop keeps the deadline too (counted from when it pushes the request, as the kernel's is):
 * a request still in the kernel {@link #DEADLINE_SLACK_NANOS} after it is cancelled, and one the kernel cannot
 * interrupt (an open blocked in an io-wq worker) has its future completed with {@code -ETIME} by the loop
 * shortly after (see {@link #fireTimers()}); its memory stays reachable until the kernel releases it, and
 * {@link IoFuture#released()} reports what the kernel finally answered.
 */
final class Requests implements CompletionHandler {
    static final long INTERNAL = 1L << 63;
    static final long WAKE_ID = INTERNAL | 1;
    private static final long CANCEL_ID = INTERNAL | 2;
    private static final long TIMEOUT_BIT = 1L << 62;
    /** Tags the cancel of a request; the low bits carry the target's user_data so a lost cancel is re-sent. */
    private static final long CANCEL_OF = INTERNAL | TIMEOUT_BIT;
    /** How long after a deadline the loop steps in for a kernel whose link timeout has not ended the request. */
    static final long DEADLINE_SLACK_NANOS = 1_000_000L;
    /** How long the loop waits before sending again a cancel the kernel did not act on (ENOENT, EALREADY). */
    private static final long CANCEL_RETRY_NANOS = 10_000_000L;
    private static final int ENOENT = 2;
    private static final int ETIME = 62;
    private static final int EALREADY = 114;
    private static final int ECANCELED = 125;
    private static final int EINTR = 4;
    private static final int ERESTARTSYS = 512;
    private static final int EINVAL = 22;

    private final LioUring ring;
    private final Waker waker;
    private final RequestPool pool;
    private final Timers timers = new Timers();
    private final AsyncCancel cancelOp = AsyncCancel.byUserData(0);
    private static final int SETUP_SQPOLL = 1 << 1;
    private final boolean canLinkTimeouts;
    /** Whether the ring is {@code IORING_SETUP_SQPOLL}: a kernel thread, not {@code submit()}, empties its SQ. */
    private final boolean sqPoll;
    /** Targets (user_data) of cancels to push after the pass; a ring buffer. */
    private long[] cancels = new long[16];
    private int cancelHead;
    private int cancelCount;
    private boolean inPass;
    /** Written by the loop thread only; read by any (a snapshot). */
    private volatile int inFlight;

    Requests(LioUring ring, Waker waker, RequestPool pool) {
        this.ring = ring;
        this.pool = pool;
        this.waker = waker;
        this.canLinkTimeouts = ring.sqEntries() >= 2;
        this.sqPoll = (ring.setupFlags() & SETUP_SQPOLL) != 0;
    }

    /** Requests in the kernel. */
    int inFlight() {
        return inFlight;
    }

    // ------------------------------------------------------------------ pushing (outside a pass)

    /** Puts a handed-over request in the kernel, or fails it if that is impossible. */
    void start(Request r) {
        if (!r.casState(Request.QUEUED, Request.IN_KERNEL)) {
            r.markReleased(false); // cancelled while queued: its future is cancelled already
            r.recycle(-ECANCELED, 0);
            return;
        }
        if (r.owner != null && r.owner.isClosing() && r.admitted) { // (the handle's own cancel and close are not admitted)
            // The handle began closing after this request took its reference: never start it.
            r.failFuture(r.owner.closedWhilePending());
            r.markReleased(false);
            r.recycle(-ECANCELED, 0);
            return;
        }
        long userData = Request.userDataOf(r.ticket(), r.index);
        r.userData = userData;
        try {
            if (r.timeout != null && canLinkTimeouts) {
                LinkTimeout linkTimeout = linkTimeoutFor(r);
                while (ring.sqSpaceLeft() < 2) {
                    makeRoom();
                }
                push(r.operation, userData, r.flags.and(SqeFlags.IO_LINK));
                push(linkTimeout, userData | TIMEOUT_BIT, SqeFlags.NONE);
                r.pendingCqes = 2;
                r.linkedTimeout = true;
            } else {
                push(r.operation, userData, r.flags);
                r.pendingCqes = 1;
            }
        } catch (RuntimeException e) {
            r.userData = 0;
            r.failFuture(e);
            r.markReleased(false);
            r.recycle(e instanceof UringException u ? -u.errnoNumber() : -EINVAL, 0);
            return;
        }
        inFlight = inFlight + 1;
        if (r.timeout != null) {
            timers.schedule(r, System.nanoTime() + r.timeoutNanos() + (r.linkedTimeout ? DEADLINE_SLACK_NANOS : 0));
        }
    }

    /** The record's own link timeout, set to its timeout: created at the record's first timed request, then reused. */
    private static LinkTimeout linkTimeoutFor(Request r) {
        LinkTimeout t = r.linkTimeout;
        if (t == null) {
            t = new LinkTimeout(r.timeout);
            r.linkTimeout = t;
            return t;
        }
        return t.duration(r.timeout);
    }

    /** A cancel the user asked for (the future was cancelled while the request was in the kernel). */
    void cancelRequested(Request r) {
        if (r.casState(Request.CANCEL_REQUESTED, Request.CANCEL_SENT)) {
            pushCancel(r.userData);
        }
    }

    /** Pushes the wake-up read if it is not in the kernel. */
    void armWaker() {
        if (waker.needsArming()) {
            push(waker.read(), WAKE_ID, SqeFlags.NONE);
            waker.armed();
        }
    }

    /** Pushes the cancels decided during the last pass. */
    void pushFollowUps() {
        while (cancelCount > 0) {
            long target = cancels[cancelHead];
            cancelHead = (cancelHead + 1) & (cancels.length - 1);
            cancelCount--;
            long tag = (target & INTERNAL) == 0 ? CANCEL_OF | target : CANCEL_ID;
            push(cancelOp.andUserData(target), tag, SqeFlags.NONE);
        }
    }

    private void push(Operation operation, long userData, SqeFlags flags) {
        if (inPass) {
            throw new IllegalStateException("the loop pushed to the submission queue inside a completion pass;"
                    + " follow-ups must be queued (this is a bug in lio-uring)");
        }
        while (!ring.tryPush(operation, userData, flags)) {
            makeRoom();
        }
    }

    /**
     * The submission queue is full: submit it (on an SQPOLL ring, sleep until the kernel thread has taken entries,
     * {@link LioUring#awaitSqSpace()}, rather than retry in a busy loop), and reap so the kernel has room to
     * complete what it takes.
     */
    private void makeRoom() {
        try {
            if (sqPoll) {
                ring.awaitSqSpace();
            } else {
                ring.submit();
            }
        } catch (UringException e) {
            if (e.errnoNumber() != 16 && e.errnoNumber() != 11) { // EBUSY, EAGAIN: the CQ is backed up
                throw e;
            }
        }
        reap();
    }

    private void pushCancel(long target) {
        if (cancelCount == cancels.length) {
            long[] bigger = new long[cancels.length * 2];
            for (int i = 0; i < cancelCount; i++) {
                bigger[i] = cancels[(cancelHead + i) & (cancels.length - 1)];
            }
            cancels = bigger;
            cancelHead = 0;
        }
        cancels[(cancelHead + cancelCount) & (cancels.length - 1)] = target;
        cancelCount++;
    }

    // ------------------------------------------------------------------ completions (a pass)

    /** Handles every ready completion, in one pass that refuses pushes. */
    void reap() {
        inPass = true;
        try {
            ring.forEachCompletion(this);
        } finally {
            inPass = false;
        }
    }

    @Override
    public void onCompletion(long userData, int result, int flags) {
        if ((userData & INTERNAL) != 0) {
            if (userData == WAKE_ID) {
                waker.fired();
            } else if ((userData & CANCEL_OF) == CANCEL_OF) {
                onCancelResult(userData & ~CANCEL_OF, result);
            }
            return;
        }
        Request r = pool.find(userData & ~TIMEOUT_BIT);
        if (r == null) {
            return;
        }
        if ((userData & TIMEOUT_BIT) != 0) {
            r.linkTimeoutFired = result == -ETIME;
        } else {
            if (r.handler != null) {
                try {
                    r.handler.onCompletion(userData, result, flags);
                } catch (Throwable t) {
                    if (!r.handlerFailed) {
                        r.handlerFailed = true;
                        r.failFuture(t);
                        if (r.claimCancel(r.ticket()) == Request.CANCEL_IN_KERNEL) {
                            r.loop.enqueueCancel(r);
                        }
                    }
                }
                if ((flags & Completion.F_MORE) != 0) {
                    return;
                }
            } else if ((flags & Completion.F_MORE) != 0) {
                // A single request with a second completion to come (a zero-copy send's notification):
                // keep this result, finish when the last one says the kernel is done with the memory. The
                // request is over as far as its descriptor and its deadline go: the kernel holds the file itself,
                // and a notification waits for the peer, which no close or deadline should be held up by.
                r.result = result;
                r.cqeFlags = flags;
                r.moreToCome = true;
                r.casState(Request.IN_KERNEL, Request.OUTCOME_KNOWN); // a later cancel() leaves it alone
                timers.remove(r);
                if (r.holdsReference) {
                    r.holdsReference = false;
                    r.owner.release();
                }
                return;
            } else if (r.moreToCome) {
                r.moreToCome = false;
                if (--r.pendingCqes == 0) {
                    finish(r);
                }
                return;
            }
            r.result = result;
            r.cqeFlags = flags;
        }
        if (--r.pendingCqes == 0) {
            finish(r);
        }
    }

    /**
     * A cancel can miss a request that is still live: a multishot request between two firings answers ENOENT,
     * one running in an io-wq worker EALREADY. While the target has not posted its last completion, send the
     * cancel again a little later (not at once: that would spin).
     */
    private void onCancelResult(long target, int result) {
        if (result != -ENOENT && result != -EALREADY) {
            return;
        }
        Request r = pool.find(target);
        if (r != null && !r.moreToCome) { // a notification cannot be cancelled: it comes when the peer has the data
            timers.schedule(r, System.nanoTime() + CANCEL_RETRY_NANOS);
        }
    }

    private void finish(Request r) {
        r.userData = 0;
        timers.remove(r);
        inFlight = inFlight - 1;
        int result = r.result;
        if (result == -ECANCELED && r.linkedTimeout && r.linkTimeoutFired || r.timedOut && endedByCancel(result)) {
            result = -ETIME;
        }
        int flags = r.cqeFlags;
        r.markReleased(true);
        IoFuture<?> f = r.future;
        // A future completed at its deadline, cancelled, or failed by its handler keeps that outcome: the kernel's
        // result is only for released().
        if (f != null && !f.isDone()) {
            if (r.cancelledByClose && result == -ECANCELED) {
                f.completeExceptionally(r.loop.closedException("the request was cancelled in the kernel (ECANCELED)"));
            } else {
                f.deliver(r, result, flags);
            }
        }
        r.recycle(result, flags);
    }

    /**
     * Whether {@code result} is how a request ends when a cancel interrupts it: {@code -ECANCELED}, or, for one
     * running in an io-wq worker, the interrupted system call's {@code -EINTR} or the kernel-internal
     * {@code -ERESTARTSYS} (512), which leaks through io_uring.
     */
    private static boolean endedByCancel(int result) {
        return result == -ECANCELED || result == -EINTR || result == -ERESTARTSYS;
    }

    // ------------------------------------------------------------------ timers

    /** Nanoseconds until the next timer, or -1. */
    long nanosUntilNextTimer() {
        return timers.nanosUntilNext(System.nanoTime());
    }

    /**
     * Acts on every timer that is due. A request past its deadline is cancelled; if it is still in the kernel a
     * little later ({@link #CANCEL_RETRY_NANOS}: the kernel could not interrupt it, an open blocked in an io-wq
     * worker say), its future completes with {@code -ETIME} and the cancel is sent again until the kernel
     * releases it. A request whose cancel the kernel did not act on gets it again.
     *
     * <p>The future is not completed at the first cancel: a request the kernel can interrupt answers it at once,
     * with its own result, and a read that got data just before its deadline must keep that data.
     */
    void fireTimers() {
        if (timers.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        Request r;
        while ((r = timers.pollDue(now)) != null) {
            if (r.moreToCome) {
                continue; // sent: only the notification is pending, and no cancel ends it
            }
            long next;
            if (r.timeout != null && !r.timedOut && !r.futureDone() && !r.moreToCome && !r.cancelledByClose) {
                r.timedOut = true; // the deadline: cancel, and see what the kernel answers
                next = CANCEL_RETRY_NANOS;
            } else {
                if (r.timedOut && r.future != null && !r.future.isDone()) {
                    long live = r.userData;
                    reap(); // its own completion may be waiting in the queue: it must win
                    if (r.userData != live || r.moreToCome) {
                        continue; // released by that completion (the record may already serve another request)
                    }
                    r.future.deliver(r, -ETIME, 0); // the kernel could not end it in time: the loop keeps the deadline
                }
                next = CANCEL_RETRY_NANOS * 10;
            }
            r.casState(Request.IN_KERNEL, Request.CANCEL_SENT); // (one whose user cancel is queued stays queued)
            pushCancel(r.userData);
            timers.schedule(r, now + next);
        }
    }

    // ------------------------------------------------------------------ shutdown

    /** Cancels every request in the kernel, as the loop closes; their futures fail with the loop's close. */
    void cancelAll() {
        pool.forEachInKernel(r -> {
            if (r.moreToCome || r.operation instanceof Close) {
                return; // a notification cannot be cancelled; a close is let finish (cancelled, its fd would leak)
            }
            r.cancelledByClose = true;
            r.casState(Request.IN_KERNEL, Request.CANCEL_SENT); // (one whose user cancel is queued stays queued)
            pushCancel(r.userData);
        });
        if (waker.isArmed()) {
            pushCancel(WAKE_ID);
        }
    }

    /** Calls {@code action} with every request the kernel still holds. */
    void forEachInKernel(Consumer<Request> action) {
        pool.forEachInKernel(action);
    }

}
