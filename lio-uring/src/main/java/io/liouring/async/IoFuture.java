package io.liouring.async;

import io.liouring.Completion;
import io.liouring.CompletionHandler;
import io.liouring.Operation;
import io.liouring.SqeFlags;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The future of one request submitted to an {@link EventLoop}: a {@link CompletableFuture} that is also the
 * loop's record of the request (the only object a request costs).
 *
 * <p><b>Cancelling</b> follows the {@code CompletableFuture} contract (the future completes at once with a
 * {@link CancellationException}) and also cancels the request in the kernel ({@code IORING_OP_ASYNC_CANCEL})
 * if it got there. The kernel may still be using the request's memory for a moment after that; the loop
 * keeps the {@link Operation} — and every segment it references — reachable until the kernel's completion
 * arrives, and {@link #released()} tells when that happened.
 *
 * <p><b>Blocking</b>: {@link #await()} waits by parking, which on a virtual thread frees its carrier. It, {@link #get()}
 * and {@link #join()} park without allocating: the future records its one waiting thread and every completing
 * method unparks it ({@code CompletableFuture}'s own wait costs a node per waiter, which a second thread waiting
 * on the same future still uses).
 *
 * <p>Stages derived from this one ({@code thenApply}, …) run on the loop thread unless they are {@code *Async},
 * and must not block. Waiting on this future or a derived one on the loop thread ({@code get}, {@code join},
 * {@link #await}) throws {@link IllegalStateException} instead of deadlocking the loop.
 *
 * @param <T> the value type, given by the request's {@link ResultMapper}
 */
public final class IoFuture<T> extends CompletableFuture<T> {
    static final int QUEUED = 0;
    static final int CANCELLED_QUEUED = 1;
    static final int IN_KERNEL = 2;
    static final int CANCEL_REQUESTED = 3;
    static final int CANCEL_SENT = 4;
    static final int RELEASED = 5;
    /** A zero-copy send's first completion arrived: its result is known, only its memory is still the kernel's. */
    static final int OUTCOME_KNOWN = 6;
    /** What {@link #claimCancel()} found: the outcome is known, nothing to tell the kernel, or a cancel to send. */
    private static final int CANCEL_REFUSED = 0;
    private static final int CANCEL_LOCAL = 1;
    private static final int CANCEL_IN_KERNEL = 2;

    /** Timeouts are clamped to this (a century), so deadlines in nanoseconds never overflow. */
    private static final Duration LONGEST_TIMEOUT = Duration.ofDays(36_500);
    private static final long LONGEST_TIMEOUT_NANOS = LONGEST_TIMEOUT.toNanos();
    private static final VarHandle STATE;
    private static final VarHandle RELEASED_FUTURE;
    private static final VarHandle WAITER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(IoFuture.class, "state", int.class);
            RELEASED_FUTURE = lookup.findVarHandle(IoFuture.class, "releasedFuture", CompletableFuture.class);
            WAITER = lookup.findVarHandle(IoFuture.class, "waiter", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final EventLoop loop;
    final Operation operation;
    final SqeFlags flags;
    /** Kernel-side timeout, or {@code null}. */
    final Duration timeout;
    final ResultMapper<T> mapper;
    /** Receives every completion of a multishot request; {@code null} for single-shot ones. */
    final CompletionHandler handler;
    /** The handle whose descriptor the request uses (it holds a reference until the release), or {@code null}. */
    final FdHandle owner;

    /** Link of the loop's hand-over queue. */
    volatile IoFuture<?> next;
    private volatile int state;
    private volatile CompletableFuture<Completion> releasedFuture;
    /** The thread parked in {@link #parkUntilDone}, if any. */
    @SuppressWarnings("unused") // also accessed through WAITER
    private volatile Thread waiter;

    // Written by the loop thread; read by others only after they have read state == RELEASED.
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
    /** Whether the request holds one of its loop's admission permits (see {@code Admission}). */
    boolean admitted;
    /** Whether the request holds a reference to its {@link #owner}, given back at the release. */
    boolean holdsReference;
    /** Position in the loop's timer heap, or -1. */
    int timerIndex = -1;
    private boolean reachedKernel;

    IoFuture(EventLoop loop, Operation operation, SqeFlags flags, Duration timeout, ResultMapper<T> mapper,
             CompletionHandler handler, FdHandle owner) {
        this.loop = loop;
        this.operation = operation;
        this.flags = flags;
        this.timeout = timeout;
        this.mapper = mapper;
        this.handler = handler;
        this.owner = owner;
    }

    /** {@link #timeout} in nanoseconds, clamped to a century so that deadlines never overflow. */
    long timeoutNanos() {
        return timeout.compareTo(LONGEST_TIMEOUT) > 0 ? LONGEST_TIMEOUT_NANOS : timeout.toNanos();
    }

    /** The placeholder node of a hand-over queue. */
    static IoFuture<Void> stub() {
        return new IoFuture<>(null, null, SqeFlags.NONE, null, null, null, null);
    }

    /** {@return the loop this request was submitted to} */
    public EventLoop loop() {
        return loop;
    }

    /** {@return the operation this request carries} */
    public Operation operation() {
        return operation;
    }

    /**
     * Cancels this future and, if the request reached the kernel, the request there. Returns what
     * {@link CompletableFuture#cancel} returns. See {@link #released()} for when the memory is free.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (isDone()) {
            return false;
        }
        int claimed = claimCancel();
        if (claimed == CANCEL_REFUSED) {
            return false; // the kernel has done it (a zero-copy send was sent); only its memory is pending
        }
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        wakeWaiter();
        if (claimed == CANCEL_IN_KERNEL) {
            loop.enqueueCancel(this);
        }
        return cancelled;
    }

    @Override
    public boolean complete(T value) {
        boolean completed = super.complete(value);
        wakeWaiter();
        return completed;
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
        boolean completed = super.completeExceptionally(ex);
        wakeWaiter();
        return completed;
    }

    @Override
    public void obtrudeValue(T value) {
        super.obtrudeValue(value);
        wakeWaiter();
    }

    @Override
    public void obtrudeException(Throwable ex) {
        super.obtrudeException(ex);
        wakeWaiter();
    }

    /** As {@link CompletableFuture#completeAsync(Supplier, Executor)}, completing through {@link #complete} so a waiter wakes. */
    @Override
    public CompletableFuture<T> completeAsync(Supplier<? extends T> supplier, Executor executor) {
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(executor, "executor");
        executor.execute(() -> {
            try {
                complete(supplier.get());
            } catch (Throwable t) {
                completeExceptionally(t instanceof CompletionException ? t : new CompletionException(t));
            }
        });
        return this;
    }

    /**
     * Waits without allocating (see the class comment), then as {@link CompletableFuture#get()}.
     *
     * @throws IllegalStateException if the future is not done and this is its loop's thread, which would wait
     *                               for itself forever
     */
    @Override
    public T get() throws InterruptedException, ExecutionException {
        if (!isDone()) {
            LoopThreadGuard.refuseBlocking(loop, "IoFuture.get()");
            parkUntilDone(true);
        }
        return super.get();
    }

    /** {@link CompletableFuture#get(long, TimeUnit)}; refused on the loop thread as {@link #get()} is. */
    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!isDone()) {
            LoopThreadGuard.refuseBlocking(loop, "IoFuture.get(timeout)");
        }
        return super.get(timeout, unit);
    }

    /**
     * Waits without allocating (see the class comment), then as {@link CompletableFuture#join()}.
     *
     * @throws IllegalStateException if the future is not done and this is its loop's thread
     */
    @Override
    public T join() {
        if (!isDone()) {
            LoopThreadGuard.refuseBlocking(loop, "IoFuture.join()");
            try {
                parkUntilDone(false);
            } catch (InterruptedException e) {
                throw new AssertionError("an uninterruptible wait was interrupted", e);
            }
        }
        return super.join();
    }

    /**
     * Parks until this future is done, as its one recorded waiter; returns at once if another thread already is
     * (the caller then waits the {@code CompletableFuture} way). An interrupt ends an interruptible wait with
     * {@link InterruptedException}; an uninterruptible one keeps waiting and restores the interrupt status after.
     */
    private void parkUntilDone(boolean interruptible) throws InterruptedException {
        Thread me = Thread.currentThread();
        if (!WAITER.compareAndSet(this, null, me)) {
            return;
        }
        boolean interrupted = false;
        try {
            while (!isDone()) {
                LockSupport.park(this);
                if (!isDone() && Thread.interrupted()) {
                    if (interruptible) {
                        throw new InterruptedException();
                    }
                    interrupted = true;
                }
            }
        } finally {
            waiter = null;
            if (interrupted) {
                me.interrupt();
            }
        }
    }

    /** Called after every completion: the recorded waiter (set before it last checked {@link #isDone()}) wakes. */
    private void wakeWaiter() {
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Cancels the request in the kernel without touching this future (the loop uses it too). */
    void requestKernelCancel() {
        if (claimCancel() == CANCEL_IN_KERNEL) {
            loop.enqueueCancel(this);
        }
    }

    /**
     * Moves the request's state toward cancellation: a queued request will not be started ({@code CANCEL_LOCAL}),
     * one in the kernel needs a cancel from the loop ({@code CANCEL_IN_KERNEL}), one whose outcome the kernel has
     * already given cannot be cancelled ({@code CANCEL_REFUSED}); any other is on its way out already
     * ({@code CANCEL_LOCAL}).
     */
    private int claimCancel() {
        while (true) {
            int s = state;
            if (s == OUTCOME_KNOWN) {
                return CANCEL_REFUSED;
            }
            if (s == QUEUED) {
                if (STATE.compareAndSet(this, QUEUED, CANCELLED_QUEUED)) {
                    return CANCEL_LOCAL;
                }
            } else if (s == IN_KERNEL) {
                if (STATE.compareAndSet(this, IN_KERNEL, CANCEL_REQUESTED)) {
                    return CANCEL_IN_KERNEL;
                }
            } else {
                return CANCEL_LOCAL;
            }
        }
    }

    /**
     * Completes once the kernel is done with this request — it will not read or write any memory the
     * request names again — with the kernel's own last completion for it (for a cancelled request usually
     * {@code -ECANCELED}), or with {@code null} if the request never reached the kernel. Close an arena you
     * manage yourself only after this. For a request the kernel still held when its loop stopped waiting at
     * close ({@link EventLoop.Builder#closeGrace}), this completes when the kernel lets go, however late.
     *
     * @return a future of the kernel's last completion for the request, or of {@code null}; it never fails
     */
    public CompletableFuture<Completion> released() {
        CompletableFuture<Completion> f = releasedFuture;
        if (f == null) {
            f = new LoopFuture<>(loop);
            if (!RELEASED_FUTURE.compareAndSet(this, null, f)) {
                f = releasedFuture;
            }
        }
        if (state == RELEASED) {
            f.complete(finalCompletion());
        }
        return f;
    }

    /**
     * Waits for the value, parking the calling thread (a virtual thread unmounts and frees its carrier), and
     * returns or throws only once the kernel is done with the request's memory ({@link #released()}), so the
     * caller may free its buffers then: a request the loop completed at its deadline, or failed at close, may
     * still be in the kernel for a moment.
     * A failure is thrown as it is (a {@link io.liouring.UringException}, {@link EventLoopClosedException},
     * …). If the thread is interrupted, the request is cancelled in the kernel, the wait goes on until the
     * kernel has released it, the interrupt status is restored and a {@link CancellationException} is thrown.
     *
     * @return the value the request completed with
     * @throws IllegalStateException on the loop's own thread, which would wait for itself forever
     */
    public T await() {
        if (!isDone() || state != RELEASED) {
            LoopThreadGuard.refuseBlocking(loop, "await()");
        }
        T value;
        try {
            value = get();
        } catch (InterruptedException e) {
            if (!cancel(false)) {
                // It completed as the interrupt came, or its outcome is known (a zero-copy send was sent): the
                // outcome stands, and the interrupt is kept for the caller's next blocking call.
                awaitRelease();
                Thread.currentThread().interrupt();
                return outcome();
            }
            awaitRelease();
            Thread.currentThread().interrupt();
            CancellationException ce = new CancellationException("interrupted while waiting for " + describe()
                    + "; the request was cancelled in the kernel");
            ce.initCause(e);
            throw ce;
        } catch (ExecutionException e) {
            awaitRelease();
            throw unwrap(e.getCause());
        } catch (CancellationException e) {
            awaitRelease();
            throw e;
        }
        awaitRelease(); // a result the loop delivered at a deadline: the kernel may still hold the memory
        return value;
    }

    /** The outcome, waited for without being interruptible: its value, or its failure as {@link #await()} throws it. */
    private T outcome() {
        try {
            return join();
        } catch (CompletionException e) {
            throw unwrap(e.getCause());
        }
    }

    /**
     * Waits, without being interruptible, until the kernel is done with this request's memory
     * ({@link #released()}): what a blocking call does before it returns a failure, so that the caller may free
     * its buffers. Returns at once for a request that completed normally or never reached the kernel. An
     * interrupt during the wait is kept for later.
     *
     * @throws IllegalStateException on the loop's own thread
     */
    public void awaitRelease() {
        if (state == RELEASED) {
            return;
        }
        LoopThreadGuard.refuseBlocking(loop, "awaitRelease()");
        boolean interrupted = false;
        CompletableFuture<Completion> f = released();
        while (true) {
            try {
                f.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break; // released() is only ever completed normally
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new CompletionException(cause);
    }

    /** Derived stages refuse to block on the loop thread too ({@link LoopFuture}). */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new LoopFuture<>(loop);
    }

    // ------------------------------------------------------------------ loop side

    int requestState() {
        return state;
    }

    boolean casState(int expected, int update) {
        return STATE.compareAndSet(this, expected, update);
    }

    void requestState(int update) {
        state = update;
    }

    /**
     * The kernel is done with the request (or never had it): completes {@link #released()} and gives the
     * handle's reference back, which may close its descriptor.
     */
    void markReleased(boolean inKernel) {
        this.reachedKernel = inKernel;
        state = RELEASED;
        if (admitted) {
            admitted = false;
            loop.released();
        }
        if (holdsReference) {
            holdsReference = false;
            owner.release();
        }
        CompletableFuture<Completion> f = releasedFuture;
        if (f != null) {
            f.complete(finalCompletion());
        }
    }

    private Completion finalCompletion() {
        return reachedKernel ? new Completion(userData, result, cqeFlags) : null;
    }

    /** Fails a request that never reached the loop, and releases what it holds (first, so a waiter finds it released). */
    void refuse(Throwable why) {
        markReleased(false);
        completeExceptionally(why);
    }

    /**
     * Completes this future with the mapped result; a mapper that throws fails it instead. A request that
     * failed because its handle was being closed fails with {@link java.nio.channels.AsynchronousCloseException}.
     */
    void deliver(int res, int cqeFlags) {
        if (res < 0 && owner != null && owner.isClosing()) {
            completeExceptionally(owner.closedWhilePending());
            return;
        }
        T value;
        try {
            value = mapper.map(operation, userData, res, cqeFlags);
        } catch (Throwable e) { // an Error too: it fails this future, never the loop
            completeExceptionally(e);
            return;
        }
        complete(value);
    }

    String describe() {
        return operation == null ? "nothing" : operation.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return "IoFuture[" + describe() + ", " + super.toString() + "]";
    }
}
