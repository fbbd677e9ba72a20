package io.liouring.nio.file;

import io.liouring.Operation;
import io.liouring.SqeFlags;
import io.liouring.async.FdHandle;
import io.liouring.async.IoFuture;
import io.liouring.async.ResultMapper;
import io.liouring.internal.IoErrors;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * The ring requests of an O_DIRECT file's blocking calls ({@code IORING_OP_READ}, {@code IORING_OP_WRITE}): at most
 * {@link #depth()} in the kernel at once, the others waiting in arrival order; whoever frees a place — usually the
 * loop thread, as it delivers a completion — submits the next waiting request at once, so the device's queue is
 * refilled as fast as it empties, not when a woken thread next gets a carrier.
 *
 * <p><b>Why a bound.</b> An O_DIRECT read the block layer cannot queue (no free request tag) makes io_uring hand it to
 * an io-wq worker thread that blocks in the block layer: 10 000 virtual threads reading with no bound made about
 * 10 000 requests and ran at ~9 k reads/s on P8's disk, a tenth of what the bound gives. Keeping at most the device's
 * queue depth in the kernel lets every read be queued without waiting.
 *
 * <p><b>Why not a semaphore.</b> A thread waiting for a permit parks once for the permit and again for its
 * request, and the permit passes only when the thread that frees it runs again; a semaphore's waiters also spin
 * before they park. Here a waiting thread parks once, until its own request has completed, and its request is
 * submitted by the thread that freed the place.
 *
 * <p><b>Counting.</b> {@code count} is requests in the kernel plus requests waiting. A caller queues its request
 * first and then counts it; if the count was below the depth, it has a place and submits the oldest waiting
 * request (perhaps its own). A finished request gives its place back; if the count was above the depth, some
 * request is waiting — queued before it was counted, so it is in the queue — and the place goes to it. So the
 * queue is never found empty by a holder of a place, and nothing waits while a place is free.
 *
 * <p><b>Closing.</b> A waiting request holds no reference to the descriptor. When the file is closed, the requests
 * in the kernel are cancelled; each cancelled one gives its place to a waiting request, whose submission the
 * closing handle refuses, and the next, so every waiting thread wakes and fails with
 * {@link AsynchronousCloseException}, as a thread blocked in the JDK's channel does.
 */
final class DeviceQueue {
    /** The system property that sets the depth ({@value #DEFAULT_DEPTH} if unset or not a positive number). */
    static final String DEPTH_PROPERTY = "io.liouring.nio.directDepth";
    /**
     * The default depth: the requests a typical block device queue takes ({@code nr_requests}: 256 for P8's virtio
     * disk, 128 driver tags with an I/O scheduler); there 256 made 90-96 k reads/s and 128 made 79-81 k.
     */
    static final int DEFAULT_DEPTH = 256;

    private final FdHandle handle;
    private final int depth;
    /** Requests in the kernel plus requests waiting. */
    private final AtomicInteger count = new AtomicInteger();
    private final ConcurrentLinkedQueue<Call> waiting = new ConcurrentLinkedQueue<>();

    /**
     * @param handle the O_DIRECT file's descriptor
     * @param depth  the most requests in the kernel at once, positive
     */
    DeviceQueue(FdHandle handle, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be positive: " + depth);
        }
        this.handle = handle;
        this.depth = depth;
    }

    /**
     * {@return the depth from {@value #DEPTH_PROPERTY}, or {@value #DEFAULT_DEPTH} if it is unset or not a positive
     * number (then a warning is logged once, see {@link TuningProperty})}; read once, at the first O_DIRECT open
     */
    static int configuredDepth() {
        return Configured.DEPTH.value();
    }

    /** Holder: the property is read and any warning logged once, when the first O_DIRECT file is opened. */
    private static final class Configured {
        static final TuningProperty DEPTH = TuningProperty.read(DEPTH_PROPERTY, DEFAULT_DEPTH);

        static {
            DEPTH.logWarning();
        }
    }

    /** {@return the most requests in the kernel at once} */
    int depth() {
        return depth;
    }

    /**
     * Submits {@code operation} on the file's descriptor when a place is free, and waits, not interruptibly (as
     * {@code RingFile} waits for every blocking call: an interrupt acts by closing the channel), until the kernel is
     * done with it.
     *
     * @param operation an operation on the handle's descriptor whose memory stays valid until this returns
     * @param mapper    maps the completion to the count, or throws the failure naming the file
     * @return what {@code mapper} made of the completion
     * @throws AsynchronousCloseException if the file was closed before the request was submitted
     * @throws IOException                as the mapper reports the kernel's error, or as the closing handle fails it
     */
    int call(Operation operation, ResultMapper<Integer> mapper) throws IOException {
        Call call = new Call(operation, mapper, Thread.currentThread());
        waiting.offer(call);
        if (count.getAndIncrement() < depth) {
            startWaiting();
        }
        return call.await();
    }

    /** The number of requests in the kernel or waiting (a snapshot, for tests). */
    int queued() {
        return count.get();
    }

    /**
     * Called by the holder of a place: submits the oldest waiting request with it. A submission refused at once (the
     * file is closing) gives the place straight on, in this loop rather than by recursion.
     */
    private void startWaiting() {
        while (true) {
            Call next = waiting.poll(); // never null: see "Counting"
            IoFuture<Integer> request = handle.submit(next.operation, SqeFlags.NONE, null, next.mapper);
            next.request = request;
            if (!request.isDone()) {
                request.whenComplete(next);
                return;
            }
            Throwable failure = failureOf(request);
            next.finish(failure == null ? request.resultNow() : null, failure);
            if (count.getAndDecrement() <= depth) {
                return;
            }
        }
    }

    /** The failure of a completed request, or {@code null}. */
    private static Throwable failureOf(IoFuture<Integer> request) {
        return switch (request.state()) {
            case FAILED -> request.exceptionNow();
            case CANCELLED -> new CancellationException("the request was cancelled");
            default -> null;
        };
    }

    /** A finished request gives its place back, to the oldest waiting one if any. */
    private void release() {
        if (count.getAndDecrement() > depth) {
            startWaiting();
        }
    }

    /** One blocking call's request, from its arrival until its thread has its outcome. */
    private final class Call implements BiConsumer<Integer, Throwable> {
        final Operation operation;
        final ResultMapper<Integer> mapper;
        final Thread waiter;
        /** The submitted request, once submitted; read by the waiter only after {@link #done}. */
        IoFuture<Integer> request;
        int result;
        Throwable failure;
        volatile boolean done;

        Call(Operation operation, ResultMapper<Integer> mapper, Thread waiter) {
            this.operation = operation;
            this.mapper = mapper;
            this.waiter = waiter;
        }

        /** The request completed (on the loop thread, or on the submitting thread if at once). */
        @Override
        public void accept(Integer value, Throwable error) {
            finish(value, error);
            release();
        }

        /** Records the outcome and wakes the waiting thread. */
        void finish(Integer value, Throwable error) {
            if (error == null) {
                result = value;
            } else {
                failure = error;
            }
            done = true;
            LockSupport.unpark(waiter);
        }

        /** Parks until {@link #finish}, keeping an interrupt for the caller; then the outcome. */
        int await() throws IOException {
            boolean interrupted = false;
            while (!done) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure == null) {
                return result;
            }
            request.awaitRelease(); // a request failed by a closing loop may still be in the kernel
            if (failure instanceof ClosedChannelException && !(failure instanceof AsynchronousCloseException)) {
                // refused: the file was closed while this call waited for a place
                AsynchronousCloseException closed = new AsynchronousCloseException();
                closed.initCause(failure);
                throw closed;
            }
            throw IoErrors.onCallerThread(failure);
        }
    }
}
