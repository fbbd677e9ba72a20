package io.liouring.async;

import io.liouring.Completion;
import io.liouring.CompletionHandler;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.Feature;
import io.liouring.LioUring;
import io.liouring.Operation;
import io.liouring.Params;
import io.liouring.SqeFlags;
import io.liouring.UringException;
import io.liouring.internal.Checks;
import io.liouring.internal.NativeAccess;
import io.liouring.operation.AsyncCancel;
import io.liouring.operation.Close;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One io_uring ring driven by one thread, usable from any thread: submit an {@link Operation}, get an
 * {@link IoFuture}; or block on it, which on a virtual thread frees the carrier.
 *
 * <pre>{@code
 * try (EventLoop loop = EventLoop.open()) {
 *     int n = loop.callResult(new Read(fd, buffer, 0));              // blocking; fine on a virtual thread
 *     loop.submitResult(new Write(fd, data, 0)).thenAccept(...);      // asynchronous
 * }
 * }</pre>
 *
 * <p><b>The ring.</b> Created on the loop thread with {@code SINGLE_ISSUER | DEFER_TASKRUN} (6.1) and its fd
 * registered with itself (5.18); where the kernel refuses, it falls back to {@code SINGLE_ISSUER} (6.0), then to
 * a plain ring ({@link #ringSetupFlags()} says what it got). {@link Builder#params} replaces this choice.
 *
 * <p><b>Hand-over.</b> Submitting threads take a record from the loop's pool ({@link Request}, {@link RequestPool}),
 * append it to a lock-free MPSC queue that links the records themselves, and wake the loop through its
 * {@link Waker} (an eventfd). A request costs its {@link IoFuture}, or nothing when submitted with a
 * {@link RequestCallback} ({@link #submitCallback}).
 * An idle loop sleeps in {@code io_uring_enter} and uses no CPU. At most {@link Builder#maxRequests} requests
 * are outstanding: beyond that a submitting thread other than the loop's parks (see {@link Admission}).
 *
 * <p><b>Requests</b> ({@link Requests}): {@code user_data} is a slot index plus a generation, so a late cancel
 * never hits a newer request in the same slot. Completions are handled in passes that never touch the
 * submission queue; cancels decided in a pass are pushed after it. A timeout is a linked
 * {@link io.liouring.operation.LinkTimeout} and a deadline the loop keeps itself, so a request the kernel cannot
 * interrupt still completes on time. A request's future completes on the loop thread; the slot, the operation
 * and the memory it names are released only when every completion of the request has arrived.
 *
 * <p><b>Descriptors</b> opened through the loop are {@link FdHandle}s: a request on one holds a reference until
 * the kernel releases it, and the descriptor is closed only after the last one.
 *
 * <p><b>Threads.</b> Nothing may block on the loop thread: {@link IoFuture#await()}, {@code get()} and
 * {@code join()} there throw {@link IllegalStateException}.
 *
 * <p><b>Closing.</b> {@link #close()} refuses new requests, fails queued ones, cancels those in the kernel
 * (their futures fail with {@link EventLoopClosedException}), waits for the kernel to release them, then
 * closes the ring, the eventfd and all native memory. A request the kernel has not released after
 * {@link Builder#closeGrace} has its future failed, and the close returns; its memory is released only when the
 * kernel lets go, by the loop thread reaping on in the background ({@link LoopShutdown}).
 *
 * <p>Needs Linux 5.6 (ASYNC_CANCEL, LINK_TIMEOUT, READ); 5.11 for a bounded close.
 */
public final class EventLoop implements AutoCloseable {
    private static final int EINVAL = 22;
    private static final int EAGAIN = 11;
    private static final int EBUSY = 16;
    private static final int ECANCELED = 125;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** What maps a completion to its raw result, errors included (the loop's own requests). */
    private static final ResultMapper<Integer> RAW = (operation, userData, result, flags) -> result;

    private final String name;
    private final int entries;
    private final Params params;
    final long closeGraceNanos;
    private final Thread thread;
    private final Admission admission;
    final HandOverQueue queue = new HandOverQueue();
    /** The records of this loop's requests, reused (see {@link Request}). */
    final RequestPool pool = new RequestPool(this);
    private final ConcurrentLinkedQueue<LoopTask<?>> tasks = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> termination = new LoopFuture<>(this);
    private final Object drainLock = new Object();

    private volatile boolean closeRequested;
    private volatile boolean terminated;
    /** After the close grace: the thread goes on reaping what the kernel still holds, and close() does not wait. */
    private volatile boolean reapingInBackground;
    private volatile int setupFlags;
    private volatile boolean ringFdRegistered;
    private volatile Set<Feature> features = Set.of();
    volatile Waker waker;

    // Loop-thread state.
    LioUring ring;
    private LoopRing loopRing;
    private Arena arena;
    volatile Requests requests;
    private int drainBudget;
    private boolean closing;
    Throwable failure;

    private EventLoop(Builder b) {
        this.name = b.name != null ? b.name : "lio-loop-" + COUNTER.getAndIncrement();
        this.entries = b.entries;
        this.params = b.params;
        this.closeGraceNanos = b.closeGrace.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE
                : b.closeGrace.toNanos(); // beyond ~292 years: as long as the kernel takes
        this.admission = new Admission(b.maxRequests);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Runnable body = () -> run(started);
        if (b.threadFactory == null) {
            this.thread = Thread.ofPlatform().name(name).daemon(b.daemon).unstarted(body);
        } else {
            this.thread = b.threadFactory.newThread(body);
            if (thread == null) {
                throw new IllegalStateException("the loop's thread factory returned null");
            }
        }
        thread.start();
        try {
            started.join();
        } catch (CompletionException e) {
            throw IoFuture.unwrap(e.getCause());
        }
    }

    /** {@return a loop with default settings (256 submission entries, daemon thread, 10 s close grace)} */
    public static EventLoop open() {
        return builder().build();
    }

    /** {@return a builder of settings for a new loop; {@link Builder#build()} starts it} */
    public static Builder builder() {
        return new Builder();
    }

    // ================================================================== submitting (any thread)

    /**
     * Submits an operation; the future completes with its completion, errors included.
     *
     * @param operation the request to send; it must stay unchanged, with its memory open, until the future completes
     * @return a future of the completion: its result, {@code -errno} on failure, and flags
     */
    public IoFuture<Completion> submit(Operation operation) {
        return submit(operation, SqeFlags.NONE, null, ResultMapper.COMPLETION);
    }

    /**
     * Submits an operation with extra SQE flags (for example {@link SqeFlags#FIXED_FILE}).
     *
     * @param operation the request to send; its memory must stay open until the future completes
     * @param flags SQE flags OR-ed with the operation's own; linking, draining and {@code CQE_SKIP_SUCCESS} are refused
     * @return a future of the completion, errors included
     */
    public IoFuture<Completion> submit(Operation operation, SqeFlags flags) {
        return submit(operation, flags, null, ResultMapper.COMPLETION);
    }

    /**
     * Submits an operation that the kernel cancels if it has not completed within {@code timeout}
     * ({@code IORING_OP_LINK_TIMEOUT}); a request cut short that way completes with {@code -ETIME}.
     *
     * @param operation the request to send; its memory must stay open until the future completes
     * @param timeout how long the kernel lets it run, positive
     * @return a future of the completion, {@code -ETIME} if the timeout cut it short
     */
    public IoFuture<Completion> submit(Operation operation, Duration timeout) {
        return submit(operation, SqeFlags.NONE, timeout, ResultMapper.COMPLETION);
    }

    /**
     * Submits an operation; the future completes with its non-negative result or fails with a {@link UringException}.
     *
     * @param operation the request to send; its memory must stay open until the future completes
     * @return a future of the result: a count, a descriptor, 0, as the operation defines
     */
    public IoFuture<Integer> submitResult(Operation operation) {
        return submit(operation, SqeFlags.NONE, null, ResultMapper.RESULT);
    }

    /**
     * {@link #submitResult(Operation)} with a kernel-side timeout (a timed-out request fails with ETIME).
     *
     * @param operation the request to send; its memory must stay open until the future completes
     * @param timeout how long the kernel lets it run, positive
     * @return a future of the non-negative result
     */
    public IoFuture<Integer> submitResult(Operation operation, Duration timeout) {
        return submit(operation, SqeFlags.NONE, timeout, ResultMapper.RESULT);
    }

    /**
     * Submits an operation; its future completes with what {@code mapper} makes of the completion.
     *
     * <p>An operation that posts a second completion without being multishot — a zero-copy send, whose
     * notification says the buffer is free again — completes only when that last completion arrives, with
     * the first one's result and flags.
     *
     * @param <T> the future's value type
     * @param operation the request to send; its memory must stay open until the future completes
     * @param flags   SQE flags OR-ed with the operation's own; {@code IO_LINK}, {@code IO_HARDLINK},
     *                {@code CQE_SKIP_SUCCESS} and {@code IO_DRAIN} are refused (the loop orders and completes
     *                requests itself)
     * @param timeout kernel-side timeout, or {@code null} for none; when it fires the request completes
     *                with {@code -ETIME}
     * @param mapper turns the completion into the future's value, on the loop thread; what it throws fails the future
     * @return the future; already failed with {@link EventLoopClosedException} if this loop is closed. When
     *         {@link Builder#maxRequests} requests are outstanding, a thread other than the loop's parks here until
     *         one is released
     * @throws IllegalCallerException an operation of your own from a module without native access (see
     *                                {@link Operation})
     */
    public <T> IoFuture<T> submit(Operation operation, SqeFlags flags, Duration timeout, ResultMapper<T> mapper) {
        Objects.requireNonNull(operation, "operation");
        NativeAccess.requireFor(operation.getClass(), "a custom operation");
        Objects.requireNonNull(mapper, "mapper");
        SqeFlags checked = checkFlags(flags);
        Duration checkedTimeout = checkTimeout(timeout);
        Request r = newRequest(null, operation, checked, checkedTimeout, mapper, null);
        IoFuture<T> future = withFuture(r);
        admitAndEnqueue(r);
        return future;
    }

    /**
     * Submits an operation whose end is reported to {@code callback}, with {@code context}, instead of a future: a
     * request submitted this way allocates nothing, on any thread. See {@link RequestCallback} for when and where
     * the callback runs.
     *
     * @param operation the request to send; it must stay unchanged, with its memory open, until the callback runs
     * @param callback gets the completion's result and flags, once, on the loop thread; must not block
     * @param context given back to {@code callback} as it is
     * @throws EventLoopClosedException if this loop is closed
     */
    public void submitCallback(Operation operation, RequestCallback callback, long context) {
        submitCallback(operation, SqeFlags.NONE, callback, context);
    }

    /**
     * {@link #submitCallback(Operation, RequestCallback, long)} with extra SQE flags. When {@link Builder#maxRequests}
     * requests are outstanding, a thread other than the loop's parks here until one is released.
     *
     * @param operation the request to send; it must stay unchanged, with its memory open, until the callback runs
     * @param flags SQE flags OR-ed with the operation's own; {@code IO_LINK}, {@code IO_HARDLINK},
     *              {@code CQE_SKIP_SUCCESS} and {@code IO_DRAIN} are refused
     * @param callback gets the completion's result and flags, once, on the loop thread; must not block
     * @param context given back to {@code callback} as it is
     * @throws EventLoopClosedException if this loop is closed
     * @throws IllegalCallerException an operation of your own from a module without native access (see
     *                                {@link Operation})
     */
    public void submitCallback(Operation operation, SqeFlags flags, RequestCallback callback, long context) {
        SqeFlags checked = admitCallback(operation, flags, callback);
        Request r = newRequest(null, operation, checked, null, null, null);
        r.admitted = true;
        r.callback = callback;
        r.context = context;
        enqueue(r);
    }

    /**
     * Submits a multishot operation (one that posts several completions, flagged {@code F_MORE} but the last):
     * {@code handler} receives every completion on the loop thread — including ones already on their way
     * when the request is cancelled — and must not block. The future completes with the last completion;
     * cancelling it stops the request in the kernel. If the handler throws, the request is cancelled and
     * the future fails with what it threw; completions already on their way still reach the handler (so that
     * it can release what they carry, an accepted descriptor say), and what it throws then is ignored.
     *
     * @param operation a multishot operation (e.g. {@code RecvMulti}, {@code AcceptMulti}, {@code PollAdd.multishot()})
     * @param handler gets each completion on the loop thread; must not block
     * @return a future of the last completion, the one without {@code F_MORE}
     */
    public IoFuture<Completion> submitMultishot(Operation operation, CompletionHandler handler) {
        return submitMultishot(operation, SqeFlags.NONE, handler);
    }

    /**
     * {@link #submitMultishot(Operation, CompletionHandler)} with extra SQE flags.
     *
     * @param operation a multishot operation
     * @param flags SQE flags OR-ed with the operation's own; linking, draining and {@code CQE_SKIP_SUCCESS} are refused
     * @param handler gets each completion on the loop thread; must not block
     * @return a future of the last completion, the one without {@code F_MORE}
     */
    public IoFuture<Completion> submitMultishot(Operation operation, SqeFlags flags, CompletionHandler handler) {
        Objects.requireNonNull(operation, "operation");
        NativeAccess.requireFor(operation.getClass(), "a custom operation");
        Objects.requireNonNull(handler, "handler");
        SqeFlags checked = checkFlags(flags);
        Request r = newRequest(null, operation, checked, null, ResultMapper.COMPLETION, handler);
        IoFuture<Completion> future = withFuture(r);
        admitAndEnqueue(r);
        return future;
    }

    /**
     * Submits and waits (see {@link IoFuture#await()}): the completion, errors included.
     *
     * @param operation the request to send
     * @return the completion: its result, {@code -errno} on failure, and flags
     */
    public Completion call(Operation operation) {
        checkNotLoopThread("EventLoop.call");
        return submit(operation).await();
    }

    /**
     * Submits with a kernel-side timeout and waits; a timed-out request completes with {@code -ETIME}.
     *
     * @param operation the request to send
     * @param timeout how long the kernel lets it run, positive
     * @return the completion, {@code -ETIME} if the timeout cut it short
     */
    public Completion call(Operation operation, Duration timeout) {
        checkNotLoopThread("EventLoop.call");
        return submit(operation, timeout).await();
    }

    /**
     * Submits and waits for the non-negative result; throws a {@link UringException} naming the errno.
     *
     * @param operation the request to send
     * @return the non-negative result
     */
    public int callResult(Operation operation) {
        checkNotLoopThread("EventLoop.callResult");
        return submitResult(operation).await();
    }

    /**
     * {@link #callResult(Operation)} with a kernel-side timeout (throws a {@link UringException} with ETIME).
     *
     * @param operation the request to send
     * @param timeout how long the kernel lets it run, positive
     * @return the non-negative result
     */
    public int callResult(Operation operation, Duration timeout) {
        checkNotLoopThread("EventLoop.callResult");
        return submitResult(operation, timeout).await();
    }

    /**
     * Cancels every request still waiting on descriptor {@code fd} ({@code ASYNC_CANCEL} by fd, 5.19: their
     * futures fail with ECANCELED, while I/O already under way finishes), then closes it with
     * {@code IORING_OP_CLOSE}, and waits for both, without being interruptible (an interrupt is kept for later).
     * On a loop thread, which must not wait, both are handed over and this returns at once. If the loop is closed, the descriptor is closed directly with
     * {@code close(2)}. An already closed descriptor (EBADF) is not an error.
     *
     * <p>This works on a bare descriptor number: the caller must know that no other thread still submits on it.
     * The file and socket layers use {@link FdHandle}, which guarantees that.
     *
     * @param fd the descriptor; from this call on it belongs to the loop, which closes it
     * @throws UringException if close fails otherwise (EIO from a file system, say)
     */
    public void cancelAndClose(int fd) {
        Checks.requireNonNegative(fd, "fd");
        if (isClosed()) {
            Fd.close(fd);
            return;
        }
        submitInternal(null, AsyncCancel.byFd(fd).all());
        IoFuture<Integer> close = submitInternal(null, new Close(fd));
        if (LoopThreadGuard.onLoopThread()) {
            return;
        }
        close.awaitRelease(); // not interruptible: an interrupted caller must not leave the descriptor open
        Completion kernel = close.released().join();
        if (kernel == null) {
            Fd.close(fd); // the close never reached the kernel: the loop closed first
            return;
        }
        int result = kernel.result();
        if (result < 0 && result != -Errno.EBADF.number()) {
            throw new UringException("close(fd=" + fd + ")", -result);
        }
    }

    /**
     * Runs {@code task} on the loop thread with a {@link LoopRing}: the registrations a {@code SINGLE_ISSUER} ring
     * accepts only from its own thread (buffers, buffer rings, files, personalities) and the ring's properties —
     * not its queues, which the loop owns. Runs at once if called on the loop thread.
     *
     * @param <T> what {@code task} returns
     * @param task the work to run on the loop thread; must not block
     * @return a future of what {@code task} returned, or failed with what it threw
     */
    public <T> CompletableFuture<T> runOnLoop(Function<LoopRing, T> task) {
        Objects.requireNonNull(task, "task");
        LoopTask<T> t = new LoopTask<>(this, task);
        if (inLoop() && !closing) {
            t.run(loopRing);
            return t.future;
        }
        if (closeRequested) {
            t.future.completeExceptionally(closedException("it was closed before the task was handed over"));
            return t.future;
        }
        tasks.add(t);
        wakeOrDrain();
        return t.future;
    }

    private static SqeFlags checkFlags(SqeFlags flags) {
        Objects.requireNonNull(flags, "flags");
        if (flags.contains(SqeFlags.IO_LINK) || flags.contains(SqeFlags.IO_HARDLINK)
                || flags.contains(SqeFlags.CQE_SKIP_SUCCESS) || flags.contains(SqeFlags.IO_DRAIN)) {
            throw new IllegalArgumentException("flags " + flags + " are not allowed here: the loop links"
                    + " requests itself (timeouts), needs every completion, and keeps a request of its own in the"
                    + " kernel at all times (its wake-up read), which IO_DRAIN would wait for forever");
        }
        return flags;
    }

    private static Duration checkTimeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return timeout;
    }

    /**
     * A request on a handle's descriptor. The admission permit comes first and the handle's reference second, so
     * that a submitter parked at the bound never holds a reference a {@link FdHandle#close()} would wait for.
     */
    <T> IoFuture<T> submitOwned(FdHandle owner, Operation operation, SqeFlags flags, Duration timeout,
                                ResultMapper<T> mapper, CompletionHandler handler) {
        Objects.requireNonNull(operation, "operation");
        NativeAccess.requireFor(operation.getClass(), "a custom operation");
        Objects.requireNonNull(mapper, "mapper");
        SqeFlags checked = checkFlags(flags);
        Duration checkedTimeout = checkTimeout(timeout);
        Request r = newRequest(owner, operation, checked, checkedTimeout, mapper, handler);
        IoFuture<T> future = withFuture(r);
        if (closeRequested) {
            refuse(r, closedException("it was closed before the request was submitted"));
            return future;
        }
        admission.admit(this);
        r.admitted = true;
        if (!owner.tryAcquire()) {
            refuse(r, owner.closedForSubmission());
            return future;
        }
        r.holdsReference = true;
        enqueue(r);
        return future;
    }

    /** {@link FdHandle#submitCallback}: the admission permit first, the handle's reference second, as above. */
    void submitOwnedCallback(FdHandle owner, Operation operation, SqeFlags flags, RequestCallback callback,
                             long context) throws java.nio.channels.ClosedChannelException {
        SqeFlags checked = admitCallback(operation, flags, callback);
        if (!owner.tryAcquire()) {
            admission.release();
            throw owner.closedForSubmission();
        }
        Request r = newRequest(owner, operation, checked, null, null, null);
        r.admitted = true;
        r.holdsReference = true;
        r.callback = callback;
        r.context = context;
        enqueue(r);
    }

    /**
     * The checks of a callback submission, then its admission permit (parking at the bound, off the loop thread).
     *
     * @return the checked flags
     * @throws EventLoopClosedException if this loop is closed
     */
    private SqeFlags admitCallback(Operation operation, SqeFlags flags, RequestCallback callback) {
        Objects.requireNonNull(operation, "operation");
        NativeAccess.requireFor(operation.getClass(), "a custom operation");
        Objects.requireNonNull(callback, "callback");
        SqeFlags checked = checkFlags(flags);
        if (closeRequested) {
            throw closedException("it was closed before the request was submitted");
        }
        admission.admit(this);
        return checked;
    }

    /** A record from the pool, filled with what was submitted (the caller adds how the request completes). */
    private Request newRequest(FdHandle owner, Operation operation, SqeFlags flags, Duration timeout,
                               ResultMapper<?> mapper, CompletionHandler handler) {
        Request r = pool.take();
        r.owner = owner;
        r.operation = operation;
        r.flags = flags;
        r.timeout = timeout;
        r.mapper = mapper;
        r.handler = handler;
        return r;
    }

    private static <T> IoFuture<T> withFuture(Request r) {
        IoFuture<T> future = new IoFuture<>(r, r.operation);
        r.future = future;
        return future;
    }

    /** Fails a request that never reached the loop, and gives its record back (released first, so a waiter finds it so). */
    private static void refuse(Request r, Throwable why) {
        r.markReleased(false);
        r.failFuture(why);
        r.recycle(-ECANCELED, 0);
    }

    /**
     * The loop's own request on behalf of a handle (its cancel, its close): never refused at the bound, since a
     * handle has at most one of each. {@code owner}, if not {@code null}, has already counted the request.
     */
    IoFuture<Integer> submitInternal(FdHandle owner, Operation operation) {
        Request r = newRequest(owner, operation, SqeFlags.NONE, null, RAW, null);
        IoFuture<Integer> future = withFuture(r);
        r.holdsReference = owner != null;
        enqueue(r);
        return future;
    }

    private void admitAndEnqueue(Request r) {
        if (closeRequested) {
            dropUnsubmitted(r, closedException("it was closed before the request was submitted"));
            return;
        }
        admission.admit(this);
        r.admitted = true;
        enqueue(r);
    }

    private void enqueue(Request r) {
        if (closeRequested) {
            dropUnsubmitted(r, closedException("it was closed before the request was submitted"));
            return;
        }
        handOver(r);
    }

    /** A cancel of a request in the kernel, handed to the loop (the record goes through the queue again). */
    void enqueueCancel(Request r) {
        handOver(r);
    }

    private void handOver(Request r) {
        queue.offer(r);
        wakeOrDrain();
    }

    /**
     * After a hand-over: wakes the loop, or, once it has ended, drains what was handed over (so nothing waits for
     * a loop that will never run it).
     */
    private void wakeOrDrain() {
        if (terminated) {
            drainAfterTermination();
        } else {
            Waker w = waker;
            if (w != null) {
                w.wake();
            }
        }
    }

    /** A request's admission permit goes back when it is released (see {@link Admission}). */
    void released() {
        admission.release();
    }

    /**
     * {@return a new incomplete future whose blocking methods ({@code get}, {@code join}), and those of the stages
     * derived from it, throw {@link IllegalStateException} on this loop's thread instead of deadlocking it: for futures
     * that a layer above completes from the loop's callbacks}
     *
     * @param <T> the future's value type
     */
    public <T> CompletableFuture<T> newFuture() {
        return new LoopFuture<>(this);
    }

    // ================================================================== information

    /** {@return the loop thread's name} */
    public String name() {
        return name;
    }

    /**
     * Refuses a blocking call on an event loop's thread — this loop's, which would wait for itself forever, or
     * another's, which would stop reaping meanwhile (two loops waiting for each other deadlock): what every
     * blocking method built on the loop calls before it submits anything, so that a refused call has no effect.
     *
     * @param call the blocking call, for the message (e.g. {@code "Connection.read"})
     * @throws IllegalStateException if the calling thread is an event loop's thread
     */
    public void checkNotLoopThread(String call) {
        LoopThreadGuard.refuseBlocking(this, call);
    }

    /**
     * Runs {@code task} on the loop thread later, after the loop has finished what it is doing now — never at
     * once, not even when called on the loop thread (unlike {@link #runOnLoop}) — and before it next waits for
     * completions. The task must not block. What it throws goes to the loop thread's uncaught-exception handler,
     * and the loop goes on.
     *
     * @param task what to run, not {@code null}
     * @throws java.util.concurrent.RejectedExecutionException if the loop is closed
     */
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (closeRequested) {
            throw new java.util.concurrent.RejectedExecutionException("event loop " + name + " is closed");
        }
        LoopTask<Void> t = new LoopTask<>(this, ring -> {
            try {
                task.run();
            } catch (Throwable e) {
                Thread current = Thread.currentThread();
                current.getUncaughtExceptionHandler().uncaughtException(current, e);
            }
            return null;
        });
        tasks.add(t);
        wakeOrDrain();
    }

    /** {@return whether the calling thread is this loop's thread} */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** {@return the number of requests in the kernel right now (a snapshot)} */
    public int inFlight() {
        Requests r = requests;
        return r == null ? 0 : r.inFlight();
    }

    /**
     * {@return the {@code IORING_SETUP_*} flags the ring got (after any fallback); see {@link Params#describeFlags}}
     */
    public int ringSetupFlags() {
        return setupFlags;
    }

    /** {@return whether the ring's fd is registered with itself ({@code IORING_REGISTER_RING_FDS}, 5.18)} */
    public boolean isRingFdRegistered() {
        return ringFdRegistered;
    }

    /** {@return the features the kernel reported for the loop's ring ({@code IORING_FEAT_*})} */
    public Set<Feature> features() {
        return features;
    }

    /** {@return the most requests this loop lets be outstanding at once ({@link Builder#maxRequests})} */
    public int maxRequests() {
        return admission.bound();
    }

    /** {@return whether {@link #close()} has been called (or the loop failed)} */
    public boolean isClosed() {
        return closeRequested;
    }

    /**
     * Completes when the loop has stopped: every request completed or failed, the ring and memory released — or,
     * if the kernel still held requests after the close grace, when their futures have failed (the ring and
     * memory are then released in the background once the kernel lets go).
     *
     * @return a future that completes when the loop has stopped, exceptionally with what stopped it if the loop
     *         thread failed
     */
    public CompletableFuture<Void> termination() {
        return termination.copy();
    }

    Thread thread() {
        return thread;
    }

    // ================================================================== closing

    /**
     * Starts closing without waiting: new requests are refused, queued ones fail, those in the kernel are
     * cancelled. Idempotent.
     *
     * @return completes when the loop has terminated
     */
    public CompletableFuture<Void> closeAsync() {
        if (!closeRequested) {
            closeRequested = true;
            admission.openForever(); // submitters parked at the bound find the loop closed
            Waker w = waker;
            if (w != null) {
                w.wake();
            }
        }
        return termination();
    }

    /**
     * Closes the loop and waits until it has terminated: every request has completed or failed with
     * {@link EventLoopClosedException}; the ring, eventfd and native memory are released. A request the kernel
     * still holds after the close grace ({@link Builder#closeGrace}) has its future failed and this returns; the
     * loop thread then goes on cancelling and reaping in the background, and releases the ring and the memory
     * only once the kernel has let go (each such request's {@link IoFuture#released()} tells when). On a loop
     * thread (this one's or another's, which must not wait) this only starts closing.
     */
    @Override
    public void close() {
        closeAsync();
        if (!LoopThreadGuard.onLoopThread()) {
            boolean interrupted = false;
            while (true) {
                try {
                    termination.get();
                    if (!reapingInBackground) {
                        thread.join(); // a moment: the thread ends right after termination
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    break; // the loop failed; termination() reports how
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    EventLoopClosedException closedException(String why) {
        return new EventLoopClosedException("event loop " + name + " is closed: " + why, failure);
    }

    @Override
    public String toString() {
        return "EventLoop[" + name + ", flags=" + Params.describeFlags(setupFlags) + ", inFlight=" + inFlight()
                + (closeRequested ? ", closed" : "") + "]";
    }

    // ================================================================== the loop thread

    private void run(CompletableFuture<Void> started) {
        LoopThreadGuard.enter(this);
        try {
            setUp();
        } catch (Throwable t) {
            releaseResources(false);
            closeRequested = true;
            terminated = true;
            termination.complete(null);
            started.completeExceptionally(t);
            return;
        }
        started.complete(null);
        try {
            runLoop();
        } catch (Throwable t) {
            failure = t;
        }
        shutDown();
    }

    private void setUp() {
        arena = Arena.ofShared();
        waker = new Waker(arena);
        ring = openRing();
        try {
            ring.registerRingFd();
        } catch (UringException e) {
            // Before 5.18: every enter looks the fd up, which costs a little and nothing else.
        }
        if (ring.hasFeature(Feature.NO_IOWAIT)) {
            ring.iowait(false); // an idle loop waits for sockets as much as for disks: not iowait (Linux 6.15)
        }
        setupFlags = ring.setupFlags();
        ringFdRegistered = ring.isRingFdRegistered();
        features = Set.copyOf(ring.features());
        requests = new Requests(ring, waker, pool);
        loopRing = new LoopRing(this, ring);
        drainBudget = ring.sqEntries() * 2;
    }

    private LioUring openRing() {
        if (params != null) {
            return new LioUring(entries, params);
        }
        int cq = Math.min(entries * 4, 65536);
        Params[] candidates = {
                Params.builder().deferTaskrun().cqSize(cq).build(),
                Params.builder().singleIssuer().cqSize(cq).build(),
                Params.builder().cqSize(cq).build()};
        UringException refused = null;
        for (Params p : candidates) {
            try {
                return new LioUring(entries, p);
            } catch (UringException e) {
                if (e.errnoNumber() != EINVAL) {
                    throw e;
                }
                refused = e;
            }
        }
        throw refused;
    }

    private void runLoop() {
        while (!closeRequested) {
            drainHandOver();
            runTasks();
            requests.armWaker();
            requests.pushFollowUps();
            waker.goingToSleep();
            boolean idle = queue.isEmpty() && tasks.isEmpty() && !closeRequested;
            if (!idle) {
                waker.awake();
            }
            waitForCompletions(idle);
            waker.awake();
            reap();
            requests.fireTimers();
        }
    }

    /** Submits what was pushed; an idle loop sleeps until a completion arrives or its next timer is due. */
    void waitForCompletions(boolean idle) {
        long timer = requests.nanosUntilNextTimer();
        try {
            if (!idle || timer == 0) {
                ring.submitAndWait(0);
            } else if (timer < 0 || !ring.hasFeature(Feature.EXT_ARG)) {
                ring.submitAndWait(1);
            } else {
                ring.submitAndWait(1, timer);
            }
        } catch (UringException e) {
            if (e.errnoNumber() != EBUSY && e.errnoNumber() != EAGAIN) {
                throw e;
            }
            // The completion queue is backed up: reaping (next) makes room.
        }
    }

    void reap() {
        requests.reap();
    }

    private void drainHandOver() {
        int budget = drainBudget;
        Request r;
        while (budget-- > 0 && (r = queue.poll()) != null) {
            switch (r.state()) {
                case Request.QUEUED -> requests.start(r);
                case Request.CANCELLED_QUEUED -> {
                    r.markReleased(false); // its future is cancelled already
                    r.recycle(-ECANCELED, 0);
                }
                case Request.CANCEL_REQUESTED -> requests.cancelRequested(r);
                case Request.RELEASED_CANCEL_QUEUED -> pool.give(r); // completed before its cancel was handled
                default -> {
                    // Not reached: a record in the queue is queued, or queued for its cancel.
                }
            }
        }
    }

    /**
     * Runs the tasks handed over, at most a drain budget's worth per pass: a task that hands over another (a
     * handler chain that always finds its data there) must not keep the loop from reaping and submitting.
     */
    private void runTasks() {
        int budget = drainBudget;
        LoopTask<?> t;
        while (budget-- > 0 && (t = tasks.poll()) != null) {
            t.run(loopRing);
        }
    }

    // ================================================================== shutdown (loop thread)

    private void shutDown() {
        closing = true;
        closeRequested = true;
        admission.openForever();
        LoopShutdown shutdown = new LoopShutdown(this);
        boolean held = shutdown.cancelAndWait();
        terminated = true;
        if (waker != null) {
            waker.close();
        }
        drainAfterTermination();
        if (held) {
            reapingInBackground = true;
            completeTermination(); // close() returns; the memory waits for the kernel
            shutdown.reapUntilReleased();
            releaseResources(shutdown.stillHeld());
        } else {
            releaseResources(false);
            completeTermination();
        }
    }

    private void completeTermination() {
        if (failure != null) {
            termination.completeExceptionally(failure);
        } else {
            termination.complete(null);
        }
    }

    void recordFailure(Throwable e) {
        if (failure == null) {
            failure = e;
        } else if (failure != e) {
            failure.addSuppressed(e);
        }
    }

    /** Loop memory the kernel still held when its ring failed: kept reachable for good rather than freed under it. */
    private static final java.util.Queue<Object> HELD_FOR_GOOD = new ConcurrentLinkedQueue<>();

    /** After termination: fails whatever is still handed over; any thread, one at a time. */
    private void drainAfterTermination() {
        synchronized (drainLock) {
            while (true) {
                Request r = queue.poll();
                if (r != null) {
                    dropOrIgnore(r);
                } else if (queue.isEmpty()) {
                    break;
                } else {
                    Thread.onSpinWait(); // a submitter is between its exchange and its link
                }
            }
            failTasks();
        }
    }

    void dropOrIgnore(Request r) {
        int s = r.state();
        if (s == Request.QUEUED || s == Request.CANCELLED_QUEUED) {
            dropUnsubmitted(r, closedException("it was closed before the request was submitted"));
        } else if (s == Request.RELEASED_CANCEL_QUEUED) {
            pool.give(r); // completed before its cancel was handled
        } else {
            // A cancel of a request the close cancels anyway; out of the queue, its release gives the record back.
            r.casState(Request.CANCEL_REQUESTED, Request.CANCEL_SENT);
        }
    }

    private static void dropUnsubmitted(Request r, EventLoopClosedException why) {
        if (r.casState(Request.QUEUED, Request.CANCELLED_QUEUED) || r.state() == Request.CANCELLED_QUEUED) {
            r.markReleased(false);
            r.failFuture(why);
            r.recycle(-ECANCELED, 0);
        }
    }

    void failTasks() {
        LoopTask<?> t;
        while ((t = tasks.poll()) != null) {
            t.future.completeExceptionally(closedException("it was closed before the task ran"));
        }
    }

    /** Closes the ring and frees the loop's memory; memory the kernel may still use (the ring failed) is kept. */
    private void releaseResources(boolean stillHeld) {
        if (ring != null) {
            ring.close();
        }
        if (arena != null) {
            if (stillHeld) {
                HELD_FOR_GOOD.add(arena);
                requests.forEachInKernel(HELD_FOR_GOOD::add);
            } else {
                arena.close();
            }
        }
    }
    /** A function to run on the loop thread, and its future. */
    private static final class LoopTask<T> {
        final Function<LoopRing, T> task;
        final CompletableFuture<T> future;

        LoopTask(EventLoop loop, Function<LoopRing, T> task) {
            this.task = task;
            this.future = new LoopFuture<>(loop);
        }

        void run(LoopRing ring) {
            try {
                future.complete(task.apply(ring));
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        }
    }

    /** Settings of an {@link EventLoop}; {@link #build()} starts the loop. */
    public static final class Builder {
        private String name;
        private int entries = 256;
        private Params params;
        private Duration closeGrace = Duration.ofSeconds(10);
        private boolean daemon = true;
        private int maxRequests = 65536;
        private java.util.concurrent.ThreadFactory threadFactory;

        private Builder() {
        }

        /**
         * Makes the loop thread with {@code factory} instead of a platform thread named {@link #name} (which then
         * only names the loop), for a thread whose identity the caller controls (its name, group, daemon status,
         * uncaught-exception handler). The loop starts the thread itself; the thread runs nothing but the loop.
         *
         * @param factory makes the loop's thread, not {@code null}; it must not return {@code null}
         * @return this builder
         */
        public Builder threadFactory(java.util.concurrent.ThreadFactory factory) {
            this.threadFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * The loop thread's name (default {@code lio-loop-N}).
         *
         * @param name the thread's name, not {@code null}
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Submission queue entries (default 256; the completion queue gets four times as many, at most 65 536, the
         * kernel's limit).
         *
         * @param entries 1 to {@link LioUring#MAX_ENTRIES}
         * @return this builder
         */
        public Builder entries(int entries) {
            if (entries <= 0 || entries > LioUring.MAX_ENTRIES) {
                throw new IllegalArgumentException("entries must be between 1 and " + LioUring.MAX_ENTRIES + ": " + entries);
            }
            this.entries = entries;
            return this;
        }

        /**
         * Exact ring parameters, with no fallback. They must suit a ring driven by one thread;
         * {@code SQPOLL} works, {@code IOPOLL} does not (the wake-up read is not pollable that way).
         *
         * @param params the parameters of the loop's ring
         * @return this builder
         */
        public Builder params(Params params) {
            this.params = Objects.requireNonNull(params, "params");
            return this;
        }

        /**
         * How long {@link EventLoop#close()} waits for the kernel to release cancelled requests (default 10 s)
         * before it fails their futures and returns; their memory is released in the background once the kernel
         * lets go.
         *
         * @param grace how long to wait, not negative (0: fail the futures of requests still in the kernel at once;
         *              {@code ChronoUnit.FOREVER.getDuration()} or anything over {@code Long.MAX_VALUE} nanoseconds:
         *              wait as long as the kernel holds them)
         * @return this builder
         */
        public Builder closeGrace(Duration grace) {
            Objects.requireNonNull(grace, "grace");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("grace must not be negative: " + grace);
            }
            this.closeGrace = grace;
            return this;
        }

        /**
         * The most requests outstanding at once, handed over or in the kernel (default 65 536). At the bound a
         * submitting thread parks until one is released (a virtual thread unmounts). The loop thread itself,
         * which cannot wait, is let through: what it submits follows from completions (a transfer's next step, a
         * receive's re-arm, a callback's reply), and it counts against the bound, so other threads wait longer.
         *
         * @param maxRequests 1 to 2^24
         * @return this builder
         */
        public Builder maxRequests(int maxRequests) {
            if (maxRequests < 1 || maxRequests > (1 << 24)) {
                throw new IllegalArgumentException("maxRequests must be between 1 and " + (1 << 24) + ": " + maxRequests);
            }
            this.maxRequests = maxRequests;
            return this;
        }

        /**
         * Whether the loop thread is a daemon thread (default {@code true}). A non-daemon loop keeps the JVM alive
         * while it runs — also after {@link EventLoop#close()} has returned, for as long as it reaps requests the
         * kernel still held at the close grace (a zero-copy send waiting for a peer that does not read).
         *
         * @param daemon whether the thread is a daemon
         * @return this builder
         */
        public Builder daemon(boolean daemon) {
            this.daemon = daemon;
            return this;
        }

        /**
         * Starts the loop thread and creates its ring there.
         *
         * @return the running loop
         * @throws UringException if the kernel refuses the ring or the eventfd
         */
        public EventLoop build() {
            return new EventLoop(this);
        }
    }
}
