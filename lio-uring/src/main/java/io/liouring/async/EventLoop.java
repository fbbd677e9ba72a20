package io.liouring.async;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.CompletionHandler;
import io.liouring.Fd;
import io.liouring.Feature;
import io.liouring.LioUring;
import io.liouring.Operation;
import io.liouring.Params;
import io.liouring.SqeFlags;
import io.liouring.UringException;
import io.liouring.internal.Checks;
import io.liouring.internal.EventFd;
import io.liouring.operation.AsyncCancel;
import io.liouring.operation.Close;
import io.liouring.operation.LinkTimeout;
import io.liouring.operation.Read;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
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
 * <p><b>Hand-over.</b> Submitting threads append to a lock-free MPSC queue that links the futures themselves
 * (one object per request: its {@code IoFuture}). The loop is woken by an {@code eventfd}: a read of it is kept
 * armed on the ring, so a write from any thread completes that read and ends the loop's wait inside
 * {@code io_uring_enter} — a wake-up the loop cannot miss, since it only sleeps inside the kernel and the
 * kernel records the write whether or not the loop is asleep yet. A submitter writes the eventfd only when the
 * loop has announced it is about to sleep (a Dekker-style flag), so a busy loop costs submitters no system
 * call. Alternatives considered: {@code MSG_RING} needs a ring per submitting thread, which virtual threads
 * cannot own cheaply; a futex wait request (6.7) needs the same system call to wake but a newer kernel.
 * An idle loop sleeps in {@code io_uring_enter} and uses no CPU.
 *
 * <p><b>Requests.</b> {@code user_data} is a slot index plus a generation, so a late cancel never hits a newer
 * request in the same slot. Per-request timeouts are a linked {@link LinkTimeout}, one reused per slot (the
 * kernel copies its timespec only when it takes the entry, so requests submitted together need their own). A request's future completes on the loop thread; the slot, the operation and the
 * memory it names are released only when every completion of the request has arrived.
 *
 * <p><b>Closing.</b> {@link #close()} refuses new requests, fails queued ones, cancels those in the kernel
 * (their futures fail with {@link EventLoopClosedException}), waits for the kernel to release them, then
 * closes the ring, the eventfd and all native memory. A request the kernel has not released after
 * {@link Builder#closeGrace} is abandoned: its future fails, and its memory is deliberately kept reachable
 * forever rather than freed under the kernel.
 *
 * <p>Needs Linux 5.6 (ASYNC_CANCEL, LINK_TIMEOUT, READ); 5.11 for a bounded close.
 */
public final class EventLoop implements AutoCloseable {
    private static final long INTERNAL = 1L << 63;
    private static final long WAKE_ID = INTERNAL | 1;
    private static final long CANCEL_ID = INTERNAL | 2;
    private static final long TIMEOUT_BIT = 1L << 62;
    /** Tags the cancel of a user request; the low bits carry the target's user_data so a lost cancel is re-sent. */
    private static final long CANCEL_OF = INTERNAL | TIMEOUT_BIT;
    private static final int ENOENT = 2;
    private static final int EALREADY = 114;
    private static final int INITIAL_SLOTS = 256;
    private static final int EINVAL = 22;
    private static final int EAGAIN = 11;
    private static final int EBUSY = 16;
    private static final int ETIME = 62;
    private static final int ECANCELED = 125;
    private static final long CANCEL_RETRY_NANOS = 1_000_000_000L;
    private static final Duration CLOSE_POLL = Duration.ofMillis(100);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Requests (and loop memory) the kernel still held when their loop stopped waiting: kept reachable forever. */
    private static final Queue<Object> ABANDONED = new ConcurrentLinkedQueue<>();

    private static final VarHandle AWAKE;

    static {
        try {
            AWAKE = MethodHandles.lookup().findVarHandle(EventLoop.class, "awake", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final int entries;
    private final Params params;
    private final long closeGraceNanos;
    private final Thread thread;
    private final HandOverQueue queue = new HandOverQueue();
    private final ConcurrentLinkedQueue<LoopTask<?>> tasks = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    private final AtomicInteger wakers = new AtomicInteger();
    private final Object drainLock = new Object();

    @SuppressWarnings("unused") // accessed through AWAKE
    private volatile boolean awake = true;
    private volatile boolean closeRequested;
    private volatile boolean terminated;
    private volatile int inFlight;
    private volatile int eventFd = -1;
    private volatile int setupFlags;
    private volatile boolean ringFdRegistered;
    private volatile Set<Feature> features = Set.of();

    // Loop-thread state.
    private LioUring ring;
    private Arena arena;
    private Read wakeRead;
    private boolean wakeArmed;
    private RequestTable requests;
    private int drainBudget;
    private boolean closing;
    private Throwable failure;
    private final AsyncCancel cancelOp = AsyncCancel.byUserData(0);
    private final CompletionHandler onCqe = this::onCqe;

    private EventLoop(Builder b) {
        this.name = b.name != null ? b.name : "lio-loop-" + COUNTER.getAndIncrement();
        this.entries = b.entries;
        this.params = b.params;
        this.closeGraceNanos = b.closeGrace.toNanos();
        CompletableFuture<Void> started = new CompletableFuture<>();
        this.thread = Thread.ofPlatform().name(name).daemon(b.daemon).unstarted(() -> run(started));
        thread.start();
        try {
            started.join();
        } catch (CompletionException e) {
            throw IoFuture.unwrap(e.getCause());
        }
    }

    /** A loop with default settings (256 submission entries, daemon thread, 10 s close grace). */
    public static EventLoop open() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ================================================================== submitting (any thread)

    /** Submits an operation; the future completes with its completion, errors included. */
    public IoFuture<Completion> submit(Operation operation) {
        return submit(operation, SqeFlags.NONE, null, ResultMapper.COMPLETION);
    }

    /** Submits an operation with extra SQE flags (for example {@link SqeFlags#FIXED_FILE}). */
    public IoFuture<Completion> submit(Operation operation, SqeFlags flags) {
        return submit(operation, flags, null, ResultMapper.COMPLETION);
    }

    /**
     * Submits an operation that the kernel cancels if it has not completed within {@code timeout}
     * ({@code IORING_OP_LINK_TIMEOUT}); a request cut short that way completes with {@code -ETIME}.
     */
    public IoFuture<Completion> submit(Operation operation, Duration timeout) {
        return submit(operation, SqeFlags.NONE, timeout, ResultMapper.COMPLETION);
    }

    /** Submits an operation; the future completes with its non-negative result or fails with a {@link UringException}. */
    public IoFuture<Integer> submitResult(Operation operation) {
        return submit(operation, SqeFlags.NONE, null, ResultMapper.RESULT);
    }

    /** {@link #submitResult(Operation)} with a kernel-side timeout (a timed-out request fails with ETIME). */
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
     * @param flags   SQE flags OR-ed with the operation's own; {@code IO_LINK}, {@code IO_HARDLINK} and
     *                {@code CQE_SKIP_SUCCESS} are refused (the loop orders and completes requests itself)
     * @param timeout kernel-side timeout, or {@code null} for none; when it fires the request completes
     *                with {@code -ETIME}
     * @return the future; already failed with {@link EventLoopClosedException} if this loop is closed
     */
    public <T> IoFuture<T> submit(Operation operation, SqeFlags flags, Duration timeout, ResultMapper<T> mapper) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(mapper, "mapper");
        IoFuture<T> future = new IoFuture<>(this, operation, checkFlags(flags), checkTimeout(timeout), mapper, null);
        enqueue(future);
        return future;
    }

    /**
     * Submits a multishot operation (one that posts several completions, flagged {@code F_MORE} but the last):
     * {@code handler} receives every completion on the loop thread — including ones already on their way
     * when the request is cancelled — and must not block. The future completes with the last completion;
     * cancelling it stops the request in the kernel. If the handler throws, the request is cancelled and
     * the future fails with what it threw.
     */
    public IoFuture<Completion> submitMultishot(Operation operation, CompletionHandler handler) {
        return submitMultishot(operation, SqeFlags.NONE, handler);
    }

    /** {@link #submitMultishot(Operation, CompletionHandler)} with extra SQE flags. */
    public IoFuture<Completion> submitMultishot(Operation operation, SqeFlags flags, CompletionHandler handler) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(handler, "handler");
        IoFuture<Completion> future = new IoFuture<>(this, operation, checkFlags(flags), null, ResultMapper.COMPLETION,
                handler);
        enqueue(future);
        return future;
    }

    /** Submits and waits (see {@link IoFuture#await()}): the completion, errors included. */
    public Completion call(Operation operation) {
        return submit(operation).await();
    }

    /** Submits with a kernel-side timeout and waits; a timed-out request completes with {@code -ETIME}. */
    public Completion call(Operation operation, Duration timeout) {
        return submit(operation, timeout).await();
    }

    /** Submits and waits for the non-negative result; throws a {@link UringException} naming the errno. */
    public int callResult(Operation operation) {
        return submitResult(operation).await();
    }

    /** {@link #callResult(Operation)} with a kernel-side timeout (throws a {@link UringException} with ETIME). */
    public int callResult(Operation operation, Duration timeout) {
        return submitResult(operation, timeout).await();
    }

    /**
     * Cancels every request still waiting on descriptor {@code fd} ({@code ASYNC_CANCEL} by fd, 5.19: their
     * futures fail with ECANCELED, while I/O already under way finishes), then closes it with
     * {@code IORING_OP_CLOSE}, and waits for both. If the loop is closed, or this is the loop thread (which
     * must not wait on its own ring), the descriptor is closed directly with {@code close(2)}. An already
     * closed descriptor (EBADF) is not an error.
     *
     * @throws UringException if close fails otherwise (EIO from a file system, say)
     */
    public void cancelAndClose(int fd) {
        Checks.requireNonNegative(fd, "fd");
        if (isClosed() || inLoop()) {
            Fd.close(fd);
            return;
        }
        call(AsyncCancel.byFd(fd).all());
        int result = call(new Close(fd)).result();
        if (result < 0 && result != -Errno.EBADF.number()) {
            throw new UringException("close(fd=" + fd + ")", -result);
        }
    }

    /**
     * Runs {@code task} on the loop thread with the ring, for the calls a {@code SINGLE_ISSUER} ring accepts
     * only from its own thread (registering files or buffers, probing). The task must not push, submit or
     * reap: the loop owns the queues. Runs at once if called on the loop thread.
     */
    public <T> CompletableFuture<T> runOnLoop(Function<LioUring, T> task) {
        Objects.requireNonNull(task, "task");
        LoopTask<T> t = new LoopTask<>(task);
        if (inLoop() && !closing) {
            t.run(ring);
            return t.future;
        }
        if (closeRequested) {
            t.future.completeExceptionally(closed("it was closed before the task was handed over", null));
            return t.future;
        }
        tasks.add(t);
        if (terminated) {
            drainAfterTermination();
        } else {
            wake();
        }
        return t.future;
    }

    private static SqeFlags checkFlags(SqeFlags flags) {
        Objects.requireNonNull(flags, "flags");
        if (flags.contains(SqeFlags.IO_LINK) || flags.contains(SqeFlags.IO_HARDLINK)
                || flags.contains(SqeFlags.CQE_SKIP_SUCCESS)) {
            throw new IllegalArgumentException("flags " + flags + " are not allowed here: the loop links"
                    + " requests itself (timeouts) and needs every completion");
        }
        return flags;
    }

    private static Duration checkTimeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return timeout;
    }

    private void enqueue(IoFuture<?> future) {
        if (closeRequested) {
            dropUnsubmitted(future, closed("it was closed before the request was submitted", null));
            return;
        }
        queue.offer(future);
        if (terminated) {
            drainAfterTermination();
        } else {
            wake();
        }
    }

    void enqueueCancel(IoFuture<?> future) {
        queue.offer(future);
        if (terminated) {
            drainAfterTermination();
        } else {
            wake();
        }
    }

    /** Writes the eventfd if the loop said it is going to sleep; at most one writer per sleep. */
    private void wake() {
        if (!awake && AWAKE.compareAndSet(this, false, true)) {
            wakers.incrementAndGet();
            try {
                if (!terminated) {
                    EventFd.signal(eventFd);
                }
            } finally {
                wakers.decrementAndGet();
            }
        }
    }

    // ================================================================== information

    /** The loop thread's name. */
    public String name() {
        return name;
    }

    /** Whether the calling thread is this loop's thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Requests in the kernel right now (a snapshot). */
    public int inFlight() {
        return inFlight;
    }

    /** The {@code IORING_SETUP_*} flags the ring got (after any fallback); see {@link Params#describeFlags}. */
    public int ringSetupFlags() {
        return setupFlags;
    }

    /** Whether the ring's fd is registered with itself ({@code IORING_REGISTER_RING_FDS}, 5.18). */
    public boolean isRingFdRegistered() {
        return ringFdRegistered;
    }

    /** The features the kernel reported for the loop's ring ({@code IORING_FEAT_*}). */
    public Set<Feature> features() {
        return features;
    }

    /** Whether {@link #close()} has been called (or the loop failed). */
    public boolean isClosed() {
        return closeRequested;
    }

    /** Completes when the loop has stopped and released its ring, eventfd and memory. */
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
            wake();
        }
        return termination();
    }

    /**
     * Closes the loop and waits until it has terminated: every request has completed, failed with
     * {@link EventLoopClosedException} or been abandoned after the close grace; the ring, eventfd and native
     * memory are released. On the loop thread itself this only starts closing.
     */
    @Override
    public void close() {
        closeAsync();
        if (!inLoop()) {
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private EventLoopClosedException closed(String why, Throwable cause) {
        return new EventLoopClosedException("event loop " + name + " is closed: " + why, cause);
    }

    @Override
    public String toString() {
        return "EventLoop[" + name + ", flags=" + Params.describeFlags(setupFlags) + ", inFlight=" + inFlight
                + (closeRequested ? ", closed" : "") + "]";
    }

    // ================================================================== the loop thread

    private void run(CompletableFuture<Void> started) {
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
        eventFd = EventFd.create(EventFd.EFD_CLOEXEC);
        MemorySegment wakeBuffer = arena.allocate(8, 8);
        wakeRead = new Read(eventFd, wakeBuffer);
        ring = openRing();
        try {
            ring.registerRingFd();
        } catch (UringException e) {
            // Before 5.18: every enter looks the fd up, which costs a little and nothing else.
        }
        setupFlags = ring.setupFlags();
        ringFdRegistered = ring.isRingFdRegistered();
        features = Set.copyOf(ring.features());
        requests = new RequestTable(INITIAL_SLOTS);
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
            if (!wakeArmed) {
                pushOrFlush(wakeRead, WAKE_ID, SqeFlags.NONE);
                wakeArmed = true;
            }
            AWAKE.setVolatile(this, false);
            boolean idle = queue.isEmpty() && tasks.isEmpty() && !closeRequested;
            if (!idle) {
                AWAKE.setVolatile(this, true);
            }
            enter(idle ? 1 : 0);
            AWAKE.setVolatile(this, true);
            reap();
        }
    }

    private void enter(int minComplete) {
        try {
            ring.submitAndWait(minComplete);
        } catch (UringException e) {
            if (e.errnoNumber() != EBUSY && e.errnoNumber() != EAGAIN) {
                throw e;
            }
            // The completion queue is backed up: reaping (next) makes room.
        }
    }

    private void reap() {
        ring.forEachCompletion(onCqe);
    }

    private void flush() {
        enter(0);
        reap();
    }

    private void pushOrFlush(Operation operation, long userData, SqeFlags flags) {
        while (!ring.tryPush(operation, userData, flags)) {
            flush();
        }
    }

    private void drainHandOver() {
        int budget = drainBudget;
        IoFuture<?> r;
        while (budget-- > 0 && (r = queue.poll()) != null) {
            switch (r.requestState()) {
                case IoFuture.QUEUED -> start(r);
                case IoFuture.CANCELLED_QUEUED -> r.markReleased(false);
                case IoFuture.CANCEL_REQUESTED -> {
                    if (r.casState(IoFuture.CANCEL_REQUESTED, IoFuture.CANCEL_SENT)) {
                        pushCancel(r.userData);
                    }
                }
                default -> {
                    // Completed before its cancel was handled: nothing to do.
                }
            }
        }
    }

    private void start(IoFuture<?> r) {
        if (!r.casState(IoFuture.QUEUED, IoFuture.IN_KERNEL)) {
            r.markReleased(false);
            return;
        }
        long userData = requests.add(r);
        try {
            if (r.timeout != null) {
                LinkTimeout linkTimeout = requests.linkTimeoutFor(r, r.timeout);
                while (ring.sqSpaceLeft() < 2) {
                    flush();
                }
                pushOrFlush(r.operation, userData, r.flags.and(SqeFlags.IO_LINK));
                pushOrFlush(linkTimeout, userData | TIMEOUT_BIT, SqeFlags.NONE);
                r.pendingCqes = 2;
            } else {
                pushOrFlush(r.operation, userData, r.flags);
                r.pendingCqes = 1;
            }
        } catch (RuntimeException e) {
            requests.remove(r);
            r.completeExceptionally(e);
            r.markReleased(false);
            return;
        }
        inFlight = inFlight + 1;
    }

    private void pushCancel(long target) {
        long tag = (target & INTERNAL) == 0 ? CANCEL_OF | target : CANCEL_ID;
        pushOrFlush(cancelOp.andUserData(target), tag, SqeFlags.NONE);
    }

    /**
     * A cancel can miss a request that is still live: a multishot request between two firings answers
     * EALREADY or ENOENT. While the target has not posted its last completion, send the cancel again.
     */
    private void onCancelResult(long target, int result) {
        if (result != -ENOENT && result != -EALREADY) {
            return;
        }
        if (requests.find(target) != null) {
            pushCancel(target);
        }
    }

    private void onCqe(long userData, int result, int flags) {
        if ((userData & INTERNAL) != 0) {
            if (userData == WAKE_ID) {
                wakeArmed = false;
            } else if ((userData & CANCEL_OF) == CANCEL_OF) {
                onCancelResult(userData & ~CANCEL_OF, result);
            }
            return;
        }
        IoFuture<?> r = requests.find(userData & ~TIMEOUT_BIT);
        if (r == null) {
            return;
        }
        if ((userData & TIMEOUT_BIT) != 0) {
            r.timeoutResult = result;
        } else {
            if (r.handler != null) {
                if (!r.handlerFailed) {
                    try {
                        r.handler.onCompletion(userData, result, flags);
                    } catch (Throwable t) {
                        r.handlerFailed = true;
                        r.completeExceptionally(t);
                        r.requestKernelCancel();
                    }
                }
                if ((flags & Completion.F_MORE) != 0) {
                    return;
                }
            } else if ((flags & Completion.F_MORE) != 0) {
                // A single request with a second completion to come (a zero-copy send's notification):
                // keep this result, finish when the last one says the kernel is done with the memory.
                r.result = result;
                r.cqeFlags = flags;
                r.moreToCome = true;
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

    private void finish(IoFuture<?> r) {
        requests.remove(r);
        inFlight = inFlight - 1;
        int result = r.result;
        if (r.timeout != null && result == -ECANCELED && r.timeoutResult == -ETIME) {
            result = -ETIME;
        }
        r.markReleased(true);
        if (r.cancelledByClose && result == -ECANCELED) {
            r.completeExceptionally(closed("the request was cancelled in the kernel (ECANCELED)", failure));
        } else {
            r.deliver(result, r.cqeFlags);
        }
    }

    private void runTasks() {
        LoopTask<?> t;
        while ((t = tasks.poll()) != null) {
            t.run(ring);
        }
    }

    // ================================================================== shutdown (loop thread)

    private void shutDown() {
        closing = true;
        closeRequested = true;
        try {
            drainWhileClosing();
            cancelEverything();
            long start = System.nanoTime();
            long nextCancel = start + CANCEL_RETRY_NANOS;
            while ((inFlight > 0 || wakeArmed) && System.nanoTime() - start < closeGraceNanos) {
                waitBriefly();
                reap();
                drainWhileClosing();
                if (System.nanoTime() - nextCancel >= 0) {
                    cancelEverything();
                    nextCancel += CANCEL_RETRY_NANOS;
                }
            }
        } catch (RuntimeException | Error e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        boolean leaked = inFlight > 0 || wakeArmed;
        if (leaked) {
            abandonInFlight();
        }
        terminated = true;
        while (wakers.get() != 0) {
            Thread.onSpinWait();
        }
        drainAfterTermination();
        releaseResources(leaked);
        if (failure != null) {
            termination.completeExceptionally(failure);
        } else {
            termination.complete(null);
        }
    }

    private void waitBriefly() {
        if (ring.hasFeature(Feature.EXT_ARG)) {
            ring.waitCompletion(CLOSE_POLL).ifPresent(c -> onCqe(c.userData(), c.result(), c.flags()));
        } else {
            enter(1);
        }
    }

    private void drainWhileClosing() {
        IoFuture<?> r;
        while ((r = queue.poll()) != null) {
            dropOrIgnore(r);
        }
        failTasks();
    }

    private void cancelEverything() {
        requests.forEach(r -> {
            r.cancelledByClose = true;
            r.casState(IoFuture.IN_KERNEL, IoFuture.CANCEL_SENT);
            pushCancel(r.userData);
        });
        if (wakeArmed) {
            pushCancel(WAKE_ID);
        }
        enter(0);
    }

    private void abandonInFlight() {
        requests.forEach(r -> {
            r.requestState(IoFuture.ABANDONED);
            r.completeExceptionally(closed("the kernel still held the request after the close grace;"
                    + " its memory is kept reachable for good rather than freed under the kernel", failure));
            ABANDONED.add(r);
            requests.remove(r);
        });
    }

    /** After termination: fails whatever is still handed over; any thread, one at a time. */
    private void drainAfterTermination() {
        synchronized (drainLock) {
            while (true) {
                IoFuture<?> r = queue.poll();
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

    private void dropOrIgnore(IoFuture<?> r) {
        int s = r.requestState();
        if (s == IoFuture.QUEUED || s == IoFuture.CANCELLED_QUEUED) {
            dropUnsubmitted(r, closed("it was closed before the request was submitted", failure));
        }
        // Anything else is a cancel of a request the close cancels anyway.
    }

    private static void dropUnsubmitted(IoFuture<?> r, EventLoopClosedException why) {
        if (r.casState(IoFuture.QUEUED, IoFuture.CANCELLED_QUEUED) || r.requestState() == IoFuture.CANCELLED_QUEUED) {
            r.completeExceptionally(why);
            r.markReleased(false);
        }
    }

    private void failTasks() {
        LoopTask<?> t;
        while ((t = tasks.poll()) != null) {
            t.future.completeExceptionally(closed("it was closed before the task ran", failure));
        }
    }

    private void releaseResources(boolean leaked) {
        if (ring != null) {
            ring.close();
        }
        int fd = eventFd;
        if (fd >= 0) {
            Fd.close(fd);
        }
        if (arena != null) {
            if (leaked) {
                ABANDONED.add(arena);
            } else {
                arena.close();
            }
        }
    }

    /** A function to run on the loop thread, and its future. */
    private static final class LoopTask<T> {
        final Function<LioUring, T> task;
        final CompletableFuture<T> future = new CompletableFuture<>();

        LoopTask(Function<LioUring, T> task) {
            this.task = task;
        }

        void run(LioUring ring) {
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

        private Builder() {
        }

        /** The loop thread's name (default {@code lio-loop-N}). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Submission queue entries (default 256; the completion queue gets four times as many). */
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
         */
        public Builder params(Params params) {
            this.params = Objects.requireNonNull(params, "params");
            return this;
        }

        /**
         * How long {@link EventLoop#close()} waits for the kernel to release cancelled requests (default 10 s)
         * before abandoning them: failing their futures and keeping their memory reachable for good.
         */
        public Builder closeGrace(Duration grace) {
            Objects.requireNonNull(grace, "grace");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("grace must not be negative: " + grace);
            }
            this.closeGrace = grace;
            return this;
        }

        /** Whether the loop thread is a daemon thread (default {@code true}). */
        public Builder daemon(boolean daemon) {
            this.daemon = daemon;
            return this;
        }

        /**
         * Starts the loop thread and creates its ring there.
         *
         * @throws UringException if the kernel refuses the ring or the eventfd
         */
        public EventLoop build() {
            return new EventLoop(this);
        }
    }
}
