package io.liouring.async;

import io.liouring.Completion;
import io.liouring.CompletionHandler;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.Operation;
import io.liouring.SqeFlags;
import io.liouring.UringException;
import io.liouring.internal.Checks;
import io.liouring.operation.AsyncCancel;
import io.liouring.operation.Close;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.LongBinaryOperator;

/**
 * A file descriptor owned by an {@link EventLoop}: the one way the file and socket layers submit requests on a
 * descriptor, so that a descriptor number is never used by a handle that no longer owns it.
 *
 * <p><b>The rule.</b> Every request submitted through the handle takes a reference before it is handed to the
 * loop, and gives it back only when the kernel has released the request (its last completion arrived, or it
 * never reached the kernel). {@link #close()} may be called by any thread at any moment, the loop thread and
 * completion callbacks included. It marks the handle closing in the same atomic step that counts references, so
 * from then on every new submission fails with {@link ClosedChannelException}; it cancels what is in flight on
 * the descriptor ({@code IORING_OP_ASYNC_CANCEL} by fd, Linux 5.19), and the descriptor is closed
 * ({@code IORING_OP_CLOSE}) only after the last reference has come back. Requests that fail because of the
 * close fail with {@link AsynchronousCloseException}; requests that had completed keep their results.
 *
 * <p>This is Netty's per-channel registration and NIO's begin/end around I/O, in one counter: until the count
 * reaches zero the descriptor cannot be closed, and once closing has begun the count cannot rise again (except
 * by the close's own cancel, which holds the descriptor until it has run).
 */
public final class FdHandle implements AutoCloseable {
    private static final int CLOSING = 1 << 30;
    private static final int COUNT = CLOSING - 1;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(FdHandle.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EventLoop loop;
    private final int fd;
    private final CompletableFuture<Void> closed;
    /** {@link #CLOSING} and the number of references held by requests. */
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    private FdHandle(EventLoop loop, int fd) {
        this.loop = loop;
        this.fd = fd;
        this.closed = new LoopFuture<>(loop);
    }

    /**
     * Takes ownership of {@code fd}: from now on it is closed only through this handle.
     *
     * @param loop the loop that runs every request on the descriptor and closes it
     * @param fd an open descriptor, owned by the handle from now on
     * @return the handle
     * @throws IllegalArgumentException if {@code fd} is negative
     */
    public static FdHandle of(EventLoop loop, int fd) {
        Objects.requireNonNull(loop, "loop");
        Checks.requireNonNegative(fd, "fd");
        return new FdHandle(loop, fd);
    }

    /** {@return the loop that owns the descriptor} */
    public EventLoop loop() {
        return loop;
    }

    /**
     * {@return the descriptor number, to build operations submitted through this handle} Once {@link #isOpen()} is
     * false the number may belong to someone else: use it only in operations given to {@link #submit}, which refuses
     * them then.
     */
    public int fd() {
        return fd;
    }

    /** {@return whether {@link #close()} has not begun} */
    public boolean isOpen() {
        return ((int) STATE.getVolatile(this) & CLOSING) == 0;
    }

    /**
     * {@return the number of requests submitted through this handle that the kernel has not released yet (a snapshot)}
     */
    public int inFlight() {
        return (int) STATE.getVolatile(this) & COUNT;
    }

    // ------------------------------------------------------------------ submitting

    /**
     * {@link EventLoop#submitResult(Operation)} on this handle's descriptor.
     *
     * @param operation a request on this handle's descriptor
     * @return a future of the non-negative result, already failed with {@link ClosedChannelException} if the handle is
     * closing
     */
    public IoFuture<Integer> submitResult(Operation operation) {
        return submit(operation, SqeFlags.NONE, null, ResultMapper.RESULT);
    }

    /**
     * {@link EventLoop#submit(Operation, SqeFlags, Duration, ResultMapper)} for an operation on this handle's
     * descriptor: the request holds a reference until the kernel has released it.
     *
     * @param <T> the future's value type
     * @param operation a request on this handle's descriptor
     * @param flags SQE flags OR-ed with the operation's own; not {@code FIXED_FILE}
     * @param timeout kernel-side timeout, or {@code null} for none
     * @param mapper turns the completion into the future's value, on the loop thread
     * @return the future; already failed with {@link ClosedChannelException} if the handle is closing, or
     *         with {@link EventLoopClosedException} if the loop is closed
     * @throws IllegalArgumentException if {@code flags} carry {@code FIXED_FILE}
     */
    public <T> IoFuture<T> submit(Operation operation, SqeFlags flags, Duration timeout, ResultMapper<T> mapper) {
        if (flags.contains(SqeFlags.FIXED_FILE)) {
            throw new IllegalArgumentException("flags must not carry FIXED_FILE: a handle owns a plain descriptor,"
                    + " and its close cancels requests by that descriptor");
        }
        return loop.submitOwned(this, operation, flags, timeout, mapper, null);
    }

    /**
     * {@link EventLoop#submitMultishot(Operation, CompletionHandler)} on this handle's descriptor.
     *
     * @param operation a multishot request on this handle's descriptor
     * @param handler gets each completion on the loop thread; must not block
     * @return a future of the last completion, already failed with {@link ClosedChannelException} if the handle is
     * closing
     */
    public IoFuture<Completion> submitMultishot(Operation operation, CompletionHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return loop.submitOwned(this, operation, SqeFlags.NONE, null, ResultMapper.COMPLETION, handler);
    }

    /**
     * {@link EventLoop#submitCallback(Operation, SqeFlags, RequestCallback, long)} on this handle's descriptor: no
     * future and no allocation. The request holds a reference until the kernel has released it, so {@link #close()}
     * cancels it and closes the descriptor only after its callback's completion; a request the close cancels, also
     * one it catches before the request reaches the kernel, completes with {@code -ECANCELED}.
     *
     * @param operation a request on this handle's descriptor; its memory must stay open until the callback runs
     * @param flags SQE flags OR-ed with the operation's own; not {@code FIXED_FILE}
     * @param callback gets the completion's result and flags, once, on the loop thread; must not block
     * @param context given back to {@code callback} as it is
     * @throws ClosedChannelException if closing has begun (the callback is then never called)
     * @throws EventLoopClosedException if the loop is closed (the callback is then never called)
     * @throws IllegalArgumentException if {@code flags} carry {@code FIXED_FILE}
     */
    public void submitCallback(Operation operation, SqeFlags flags, RequestCallback callback, long context)
            throws ClosedChannelException {
        if (Objects.requireNonNull(flags, "flags").contains(SqeFlags.FIXED_FILE)) {
            throw new IllegalArgumentException("flags must not carry FIXED_FILE: a handle owns a plain descriptor,"
                    + " and its close cancels requests by that descriptor");
        }
        loop.submitOwnedCallback(this, operation, flags, callback, context);
    }

    /**
     * Runs {@code call} with the descriptor number while holding a reference, for a direct system call
     * ({@code getsockname(2)}, say): a concurrent {@link #close()} cannot give the number away meanwhile. The
     * call must not block for long; a close waits for it.
     *
     * @param <T> what {@code call} returns
     * @param call gets the descriptor number; must not keep it past its return
     * @return what {@code call} returned
     * @throws ClosedChannelException if closing has begun
     */
    public <T> T withDescriptor(IntFunction<T> call) throws ClosedChannelException {
        Objects.requireNonNull(call, "call");
        if (!tryAcquire()) {
            throw closedForSubmission();
        }
        try {
            return call.apply(fd);
        } finally {
            release();
        }
    }

    /**
     * Runs {@code call} with this handle's descriptor number and {@code other}'s while holding a reference to both,
     * for a direct system call on two files ({@code copy_file_range(2)}, {@code sendfile(2)}, {@code splice(2)}): a
     * concurrent {@link #close()} of either cannot give its number away meanwhile. The call must not block for long;
     * a close of either waits for it.
     *
     * @param other the handle of the second descriptor (may be this one)
     * @param call gets this descriptor number, then {@code other}'s; must not keep them past its return
     * @return what {@code call} returned
     * @throws ClosedChannelException if closing of either handle has begun (then {@code call} does not run)
     */
    public long withDescriptors(FdHandle other, LongBinaryOperator call) throws ClosedChannelException {
        Objects.requireNonNull(other, "other");
        Objects.requireNonNull(call, "call");
        if (!tryAcquire()) {
            throw closedForSubmission();
        }
        try {
            if (!other.tryAcquire()) {
                throw other.closedForSubmission();
            }
            try {
                return call.applyAsLong(fd, other.fd);
            } finally {
                other.release();
            }
        } finally {
            release();
        }
    }

    /** Takes a reference for a new request, or returns {@code false} if closing has begun. */
    boolean tryAcquire() {
        while (true) {
            int s = (int) STATE.getVolatile(this);
            if ((s & CLOSING) != 0) {
                return false;
            }
            if ((s & COUNT) == COUNT) {
                throw new IllegalStateException("too many requests in flight on fd " + fd);
            }
            if (STATE.compareAndSet(this, s, s + 1)) {
                return true;
            }
        }
    }

    /** Gives a request's reference back; the last one after {@link #close()} began closes the descriptor. */
    void release() {
        int after = (int) STATE.getAndAdd(this, -1) - 1;
        if (after == CLOSING) {
            giveBack();
        }
    }

    /** Whether closing has begun (for requests that fail because of it). */
    boolean isClosing() {
        return !isOpen();
    }

    /** The failure of a request that was pending when the handle was closed. */
    AsynchronousCloseException closedWhilePending() {
        return new AsynchronousCloseException();
    }

    /** The failure of a submission after closing began. */
    ClosedChannelException closedForSubmission() {
        return new ClosedChannelException();
    }

    // ------------------------------------------------------------------ closing

    /**
     * Begins closing, from any thread, without waiting: new submissions fail from now on, requests in flight
     * are cancelled, and the descriptor is closed once the kernel has released the last of them. Idempotent.
     *
     * @return completes when the descriptor has been closed; fails with a {@link UringException} if
     *         {@code close} failed (EIO from a file system, say)
     */
    public CompletableFuture<Void> closeAsync() {
        while (true) {
            int s = (int) STATE.getVolatile(this);
            if ((s & CLOSING) != 0) {
                return closed.copy();
            }
            int count = s & COUNT;
            // With requests in flight, the close's own cancel takes a reference in the same step, so the
            // descriptor stays ours until the cancel has run.
            int next = count == 0 ? CLOSING : (CLOSING | (count + 1));
            if (STATE.compareAndSet(this, s, next)) {
                if (count == 0) {
                    giveBack();
                } else {
                    loop.submitInternal(this, AsyncCancel.byFd(fd).all());
                }
                return closed.copy();
            }
        }
    }

    /**
     * Closes the handle: {@link #closeAsync()}, then, except on a loop thread (which must not wait), waits until
     * the descriptor is closed.
     *
     * @throws UringException if {@code close} of the descriptor failed
     */
    @Override
    public void close() {
        CompletableFuture<Void> done = closeAsync();
        if (LoopThreadGuard.onLoopThread()) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                done.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (java.util.concurrent.ExecutionException e) {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                throw IoFuture.unwrap(e.getCause());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the handle as {@link #close()} does, except that when no request is in flight the descriptor is
     * closed by a direct {@code close(2)} on the calling thread instead of {@code IORING_OP_CLOSE}: the same effect
     * without a ring round trip, for descriptors whose {@code close(2)} does not wait (a regular file; not a socket
     * with {@code SO_LINGER}). The rule holds as for {@link #close()}: closing begins, in one atomic step, only when
     * no request holds the descriptor, and from then on none can take it. With requests in flight, or on a loop
     * thread (which must not make a system call that could wait), it is {@link #close()}.
     *
     * @throws UringException if {@code close} of the descriptor failed
     */
    public void closeDirectlyIfIdle() {
        if (!LoopThreadGuard.onLoopThread()) {
            while (true) {
                int s = (int) STATE.getVolatile(this);
                if (s != 0) {
                    break; // closing has begun, or requests are in flight: close() does the rest
                }
                if (STATE.compareAndSet(this, 0, CLOSING)) {
                    closeDirectly();
                    break;
                }
            }
        }
        close();
    }

    /**
     * Closes the descriptor through the ring; directly if that request never reached the kernel (the loop has
     * closed), never both. Runs once.
     */
    private void giveBack() {
        IoFuture<Integer> close = loop.submitInternal(null, new Close(fd));
        close.released().thenAccept(kernel -> {
            if (kernel == null) {
                closeDirectly();
            } else if (kernel.result() < 0 && kernel.result() != -Errno.EBADF.number()) {
                closed.completeExceptionally(new UringException("close(fd=" + fd + ")", -kernel.result()));
            } else {
                closed.complete(null);
            }
        });
    }

    private void closeDirectly() {
        try {
            Fd.close(fd);
            closed.complete(null);
        } catch (RuntimeException e) {
            closed.completeExceptionally(e);
        }
    }

    @Override
    public String toString() {
        return "FdHandle[fd=" + fd + ", inFlight=" + inFlight() + (isOpen() ? "" : ", closing") + "]";
    }
}
