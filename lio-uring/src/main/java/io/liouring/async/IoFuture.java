package io.liouring.async;

import io.liouring.Completion;
import io.liouring.Operation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * The future of one request submitted to an {@link EventLoop}: a {@link CompletableFuture}, and the only object a
 * request with a future costs (the loop's record of the request is pooled and reused; a request submitted with a
 * {@link RequestCallback} instead costs nothing).
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
 * {@link #await}) throws {@link IllegalStateException} instead of deadlocking the loop. Futures the JDK makes
 * itself from several ({@link CompletableFuture#allOf}, {@link CompletableFuture#anyOf}) are plain
 * {@code CompletableFuture}s that this check does not reach: waiting on one of those on the loop thread deadlocks it.
 *
 * @param <T> the value type, given by the request's {@link ResultMapper}
 */
public final class IoFuture<T> extends CompletableFuture<T> {
    /** {@link #finalResult} of a request that never reached the kernel (whose results are counts or -errno). */
    static final int NOT_IN_KERNEL = Integer.MIN_VALUE;
    private static final VarHandle RELEASED_FUTURE;
    private static final VarHandle WAITER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RELEASED_FUTURE = lookup.findVarHandle(IoFuture.class, "releasedFuture", CompletableFuture.class);
            WAITER = lookup.findVarHandle(IoFuture.class, "waiter", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The loop's record of the request: this future's only while {@link Request#ticket()} is {@link #ticket}. */
    private final Request request;
    private final int ticket;
    private final Operation operation;
    private volatile CompletableFuture<Completion> releasedFuture;
    /** The thread parked in {@link #parkUntilDone}, if any. */
    @SuppressWarnings("unused") // also accessed through WAITER
    private volatile Thread waiter;
    // The kernel's last completion, written by the loop before the record's state says released; read after.
    private int finalResult;
    private int finalFlags;

    /** The future of the request in {@code request}'s current use (its ticket), which carries {@code operation}. */
    IoFuture(Request request, Operation operation) {
        this.request = request;
        this.ticket = request.ticket();
        this.operation = operation;
    }

    /** {@return the loop this request was submitted to} */
    public EventLoop loop() {
        return request.loop;
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
        int claimed = request.claimCancel(ticket);
        if (claimed == Request.CANCEL_REFUSED) {
            return false; // the kernel has done it (a zero-copy send was sent); only its memory is pending
        }
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        wakeWaiter();
        if (claimed == Request.CANCEL_IN_KERNEL) {
            request.loop.enqueueCancel(request);
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
            LoopThreadGuard.refuseBlocking(request.loop, "IoFuture.get()");
            parkUntilDone(true);
        }
        return super.get();
    }

    /** {@link CompletableFuture#get(long, TimeUnit)}; refused on the loop thread as {@link #get()} is. */
    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!isDone()) {
            LoopThreadGuard.refuseBlocking(request.loop, "IoFuture.get(timeout)");
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
            LoopThreadGuard.refuseBlocking(request.loop, "IoFuture.join()");
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
            f = new LoopFuture<>(request.loop);
            if (!RELEASED_FUTURE.compareAndSet(this, null, f)) {
                f = releasedFuture;
            }
        }
        if (isReleased()) {
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
        if (!isDone() || !isReleased()) {
            LoopThreadGuard.refuseBlocking(request.loop, "await()");
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
        if (isReleased()) {
            return;
        }
        LoopThreadGuard.refuseBlocking(request.loop, "awaitRelease()");
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
        return new LoopFuture<>(request.loop);
    }

    // ------------------------------------------------------------------ loop side

    /** Whether the kernel is done with this request (or never had it): its record's use is over. */
    private boolean isReleased() {
        return request.isReleased(ticket);
    }

    /** The loop's note of the kernel's last completion, before the record's state says released. */
    void recordFinal(int res, int cqeFlags) {
        this.finalResult = res;
        this.finalFlags = cqeFlags;
    }

    /** After the release: completes {@link #released()} if anyone asked for it. */
    void completeReleased() {
        CompletableFuture<Completion> f = releasedFuture;
        if (f != null) {
            f.complete(finalCompletion());
        }
    }

    private Completion finalCompletion() {
        return finalResult == NOT_IN_KERNEL ? null
                : new Completion(Request.userDataOf(ticket, request.index), finalResult, finalFlags);
    }

    /**
     * Completes this future with the mapped result of {@code r}, its record; a mapper that throws fails it instead.
     * A request that failed because its handle was being closed fails with
     * {@link java.nio.channels.AsynchronousCloseException}.
     */
    @SuppressWarnings("unchecked")
    void deliver(Request r, int res, int cqeFlags) {
        if (res < 0 && r.owner != null && r.owner.isClosing()) {
            completeExceptionally(r.owner.closedWhilePending());
            return;
        }
        T value;
        try {
            value = ((ResultMapper<T>) r.mapper).map(operation, Request.userDataOf(ticket, r.index), res, cqeFlags);
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
