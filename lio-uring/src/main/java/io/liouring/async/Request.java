package io.liouring.async;

import io.liouring.CompletionHandler;
import io.liouring.Operation;
import io.liouring.SqeFlags;
import io.liouring.operation.LinkTimeout;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;

/**
 * The loop's record of one request: what was submitted (operation, flags, timeout, owning handle) and how it
 * completes (an {@link IoFuture}, a {@link RequestCallback}, a multishot handler), plus the loop's bookkeeping while
 * the kernel has it. Records belong to their loop's {@link RequestPool} and are reused, so a request costs no record
 * of its own: a submitting thread takes one, fills it and hands it over; it goes back to the pool once the kernel
 * has released the request and its outcome has been delivered.
 *
 * <p><b>Tickets.</b> Each use of a record has a ticket (1 to 2^30 - 1), kept with the state in one word,
 * {@link #stateWord}. An {@link IoFuture} outlives its use of the record, so everything it does to the record is a
 * compare-and-set that names its ticket: it never touches a later request in the same record. The request's
 * user_data in the ring is its ticket above the record's {@link #index} ({@link #userDataOf}).
 *
 * <p><b>States</b> (the low half of the word): {@link #QUEUED} when handed over, {@link #IN_KERNEL} once pushed,
 * then possibly {@link #CANCEL_REQUESTED} (a future's cancel, handed over again), {@link #CANCEL_SENT},
 * {@link #OUTCOME_KNOWN} (a zero-copy send's first completion), and at the end {@link #RELEASED} — or
 * {@link #RELEASED_CANCEL_QUEUED} when the record is still in the hand-over queue for a cancel, in which case the
 * loop gives it back to the pool when it takes it out of the queue. {@link #CANCELLED_QUEUED}: cancelled before the
 * loop started it.
 */
final class Request {
    static final int QUEUED = 0;
    static final int CANCELLED_QUEUED = 1;
    static final int IN_KERNEL = 2;
    static final int CANCEL_REQUESTED = 3;
    static final int CANCEL_SENT = 4;
    static final int RELEASED = 5;
    /** A zero-copy send's first completion arrived: its result is known, only its memory is still the kernel's. */
    static final int OUTCOME_KNOWN = 6;
    /** Released while still linked in the hand-over queue for a cancel: the queue's consumer frees it. */
    static final int RELEASED_CANCEL_QUEUED = 7;
    /** What {@link #claimCancel} found: the outcome is known, nothing to tell the kernel, or a cancel to send. */
    static final int CANCEL_REFUSED = 0;
    static final int CANCEL_LOCAL = 1;
    static final int CANCEL_IN_KERNEL = 2;
    /** Tickets fit in 30 bits, so that user_data keeps bits 62 and 63 for the loop's own tags. */
    private static final int TICKET_MASK = (1 << 30) - 1;
    private static final long STATE_MASK = 0xFFFF_FFFFL;
    /** Timeouts are clamped to this (a century), so deadlines in nanoseconds never overflow. */
    private static final Duration LONGEST_TIMEOUT = Duration.ofDays(36_500);
    private static final long LONGEST_TIMEOUT_NANOS = LONGEST_TIMEOUT.toNanos();
    private static final VarHandle STATE_WORD;

    static {
        try {
            STATE_WORD = MethodHandles.lookup().findVarHandle(Request.class, "stateWord", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The loop whose pool this record belongs to ({@code null} only for a hand-over queue's placeholder). */
    final EventLoop loop;
    /** The record's place in its pool, for good: the low half of its requests' user_data. */
    final int index;
    /** The pool's free stack: the next free record's index + 1, or 0. */
    int nextFree;
    /** Link of the loop's hand-over queue. */
    volatile Request next;
    /** The ticket of the current use (high 32 bits) and its state (low 32 bits). */
    private volatile long stateWord;

    // Filled by the submitting thread before the hand-over, which publishes them to the loop.
    Operation operation;
    SqeFlags flags;
    /** Kernel-side timeout, or {@code null}. */
    Duration timeout;
    ResultMapper<?> mapper;
    /** Receives every completion of a multishot request; {@code null} for single-shot ones. */
    CompletionHandler handler;
    /** The handle whose descriptor the request uses (it holds a reference until the release), or {@code null}. */
    FdHandle owner;
    /** The future the request completes, or {@code null} for a callback request. */
    IoFuture<?> future;
    /** The callback the request completes, or {@code null} for a future's request. */
    RequestCallback callback;
    /** The callback's context, given back to it as it is. */
    long context;
    /** Whether the request holds one of its loop's admission permits (see {@code Admission}). */
    boolean admitted;
    /** Whether the request holds a reference to its {@link #owner}, given back at the release. */
    boolean holdsReference;

    // Loop thread only.
    /** The user_data of the request while the kernel has it, else 0. */
    long userData;
    int pendingCqes;
    int result;
    int cqeFlags;
    /** The linked timeout fired ({@code -ETIME}): the request's {@code -ECANCELED} means it timed out. */
    boolean linkTimeoutFired;
    boolean cancelledByClose;
    boolean handlerFailed;
    boolean moreToCome;
    /** Whether a timeout request is linked to this one in the kernel. */
    boolean linkedTimeout;
    /** The request's deadline passed while it was in the kernel. */
    boolean timedOut;
    /** Position in the loop's timer heap, or -1. */
    int timerIndex = -1;
    /** This record's link timeout, created at its first timed request and reused. */
    LinkTimeout linkTimeout;

    Request(EventLoop loop, int index) {
        this.loop = loop;
        this.index = index;
    }

    /** {@link #timeout} in nanoseconds, clamped to a century so that deadlines never overflow. */
    long timeoutNanos() {
        return timeout.compareTo(LONGEST_TIMEOUT) > 0 ? LONGEST_TIMEOUT_NANOS : timeout.toNanos();
    }

    /** The user_data of the request with this ticket in the record at {@code index}. */
    static long userDataOf(int ticket, int index) {
        return ((long) ticket << 32) | index;
    }

    // ------------------------------------------------------------------ the ticket and the state

    /** Starts a new use of the record, by the thread that took it from the pool: a new ticket, {@link #QUEUED}. */
    int begin() {
        int ticket = ((int) (stateWord >>> 32) + 1) & TICKET_MASK;
        if (ticket == 0) {
            ticket = 1;
        }
        stateWord = (long) ticket << 32 | QUEUED;
        return ticket;
    }

    int ticket() {
        return (int) (stateWord >>> 32);
    }

    /** The current use's state. */
    int state() {
        return (int) stateWord;
    }

    /** Whether the use with {@code ticket} is over: the record has been released, or reused since. */
    boolean isReleased(int ticket) {
        long w = stateWord;
        int s = (int) w;
        return (int) (w >>> 32) != ticket || s == RELEASED || s == RELEASED_CANCEL_QUEUED;
    }

    /** Moves the current use from {@code expected} to {@code update}; the loop's side, or a submitter's own record. */
    boolean casState(int expected, int update) {
        long w = stateWord;
        return (int) w == expected && STATE_WORD.compareAndSet(this, w, (w & ~STATE_MASK) | update);
    }

    /** Moves the use with {@code ticket} from {@code expected} to {@code update}; fails if the record moved on. */
    private boolean casState(int ticket, int expected, int update) {
        long high = (long) ticket << 32;
        return STATE_WORD.compareAndSet(this, high | expected, high | update);
    }

    /**
     * Moves the use with {@code ticket} toward cancellation: a queued request will not be started
     * ({@link #CANCEL_LOCAL}), one in the kernel needs a cancel from the loop ({@link #CANCEL_IN_KERNEL}), one whose
     * outcome the kernel has already given cannot be cancelled ({@link #CANCEL_REFUSED}); any other is on its way
     * out already ({@link #CANCEL_LOCAL}).
     */
    int claimCancel(int ticket) {
        while (true) {
            long w = stateWord;
            if ((int) (w >>> 32) != ticket) {
                return CANCEL_LOCAL;
            }
            int s = (int) w;
            if (s == OUTCOME_KNOWN) {
                return CANCEL_REFUSED;
            }
            if (s == QUEUED) {
                if (casState(ticket, QUEUED, CANCELLED_QUEUED)) {
                    return CANCEL_LOCAL;
                }
            } else if (s == IN_KERNEL) {
                if (casState(ticket, IN_KERNEL, CANCEL_REQUESTED)) {
                    return CANCEL_IN_KERNEL;
                }
            } else {
                return CANCEL_LOCAL;
            }
        }
    }

    // ------------------------------------------------------------------ the end of a use

    /** Whether the request's future is already complete (at its deadline, cancelled, failed); never for a callback. */
    boolean futureDone() {
        return future != null && future.isDone();
    }

    /** Fails the request's future, if it has one; a callback request gets its outcome at {@link #recycle}. */
    void failFuture(Throwable why) {
        if (future != null) {
            future.completeExceptionally(why);
        }
    }

    /**
     * The kernel is done with the request (or never had it): the future learns its final completion, the state
     * becomes released, the admission permit and the handle's reference go back (the last may close the
     * descriptor), and {@link IoFuture#released()} completes. The record stays this use's until {@link #recycle}.
     */
    void markReleased(boolean inKernel) {
        IoFuture<?> f = future;
        if (f != null) {
            f.recordFinal(inKernel ? result : IoFuture.NOT_IN_KERNEL, cqeFlags);
        }
        while (true) {
            long w = stateWord;
            int s = (int) w;
            if (s == RELEASED || s == RELEASED_CANCEL_QUEUED) {
                break;
            }
            int update = s == CANCEL_REQUESTED ? RELEASED_CANCEL_QUEUED : RELEASED;
            if (STATE_WORD.compareAndSet(this, w, (w & ~STATE_MASK) | update)) {
                break;
            }
        }
        if (admitted) {
            admitted = false;
            loop.released();
        }
        if (holdsReference) {
            holdsReference = false;
            owner.release();
        }
        if (f != null) {
            f.completeReleased();
        }
    }

    /**
     * The last step of a use, after {@link #markReleased} and after the future (if any) has its outcome: the record
     * goes back to the pool (unless it is still in the hand-over queue, whose consumer gives it back), then the
     * callback, if any, gets {@code res} and {@code cqeFlags} — on the thread that ends the request, the loop's
     * except when a closed loop refuses it.
     */
    void recycle(int res, int completionFlags) {
        RequestCallback cb = callback;
        long ctx = context;
        if (state() != RELEASED_CANCEL_QUEUED) {
            loop.pool.give(this);
        }
        if (cb != null) {
            try {
                cb.completed(ctx, res, completionFlags);
            } catch (Throwable t) {
                Thread current = Thread.currentThread();
                current.getUncaughtExceptionHandler().uncaughtException(current, t);
            }
        }
    }

    /** Forgets what the last use referenced, as it goes back to the pool (its operation's memory must not be kept). */
    void clear() {
        operation = null;
        flags = null;
        timeout = null;
        mapper = null;
        handler = null;
        owner = null;
        future = null;
        callback = null;
        context = 0;
        admitted = false;
        holdsReference = false;
        userData = 0;
        pendingCqes = 0;
        result = 0;
        cqeFlags = 0;
        linkTimeoutFired = false;
        cancelledByClose = false;
        handlerFailed = false;
        moreToCome = false;
        linkedTimeout = false;
        timedOut = false;
    }

    String describe() {
        Operation op = operation;
        return op == null ? "nothing" : op.getClass().getSimpleName();
    }
}
