package io.liouring.net;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.async.IoFuture;
import io.liouring.internal.IoErrors;
import io.liouring.buffer.BufferRing;
import io.liouring.operation.RecvMulti;
import io.liouring.operation.RecvMultiBundle;

import java.lang.foreign.MemorySegment;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A running {@link Connection#receiveEach receiveEach}: a multishot receive ({@code RECV_MULTISHOT}, 6.0; as
 * bundles where the kernel has them, 6.10) that selects buffers from a {@link BufferRing}, hands each filled
 * buffer to the receiver on the loop thread and gives it straight back to the ring. When the ring runs dry
 * ({@code ENOBUFS}) the receive is armed again; the unread data waits in the socket meanwhile, so the loop
 * never holds more than the ring's buffers.
 */
public final class Receiving {
    private final Connection connection;
    private final BufferRing buffers;
    private final Consumer<MemorySegment> receiver;
    private final boolean bundles;
    private final CompletableFuture<Long> done;
    private volatile IoFuture<Completion> current;
    private volatile boolean stopped;
    private long total;

    Receiving(Connection connection, BufferRing buffers, Consumer<MemorySegment> receiver, boolean bundles) {
        this.connection = connection;
        this.buffers = buffers;
        this.receiver = receiver;
        this.bundles = bundles;
        this.done = connection.loop().newFuture();
    }

    Receiving start() {
        boolean rearm = current != null;
        int fd = connection.fd;
        IoFuture<Completion> request = connection.handle.submitMultishot(
                bundles ? new RecvMultiBundle(fd, buffers.group()) : new RecvMulti(fd, buffers.group()), this::onCompletion);
        current = request;
        request.whenComplete((last, error) -> {
            if (error instanceof CancellationException) {
                // stopped before the kernel saw it: no completion will come to end the stream
                request.released().thenAccept(kernel -> {
                    if (kernel == null) {
                        done.complete(total);
                    }
                });
            } else if (rearm && error instanceof ClosedChannelException && !(error instanceof AsynchronousCloseException)) {
                done.completeExceptionally(new AsynchronousCloseException()); // closed while receiving
            } else if (error != null) {
                done.completeExceptionally(error); // ClosedChannelException if the connection was closed already
            }
        });
        if (stopped) {
            request.cancel(false);
        }
        return this;
    }

    /** {@return whether completions carry several buffers each ({@code IORING_RECVSEND_BUNDLE})} */
    public boolean usesBundles() {
        return bundles;
    }

    /**
     * Completes with the number of bytes received when the peer ends the stream, or when {@link #stop()}
     * has taken effect in the kernel; fails with a {@link java.net.SocketException} (its cause naming the errno)
     * if a receive fails, with {@link AsynchronousCloseException} if the connection is closed, or with what the
     * receiver threw.
     *
     * @return a future of the total bytes received
     */
    public CompletableFuture<Long> done() {
        return done.copy();
    }

    /** Stops receiving: the request is cancelled in the kernel; {@link #done()} completes once it has ended. */
    public void stop() {
        stopped = true;
        IoFuture<Completion> request = current;
        if (request != null) {
            request.cancel(false);
        }
    }

    private void onCompletion(long userData, int result, int flags) {
        if (result > 0) {
            deliver(new Completion(userData, result, flags));
        }
        if ((flags & Completion.F_MORE) != 0) {
            return;
        }
        if (result == 0 || stopped && result == -Errno.ECANCELED.number()) {
            whenReleased(() -> done.complete(total));
        } else if (result == -Errno.ENOBUFS.number() || result > 0) {
            if (stopped) {
                whenReleased(() -> done.complete(total));
            } else {
                start();
            }
        } else if (result < 0) {
            Throwable failure = connection.isClosed() ? new AsynchronousCloseException()
                    : IoErrors.socket("recv", connection, result);
            whenReleased(() -> done.completeExceptionally(failure));
        }
    }

    /** Runs {@code outcome} once the loop has released the request that just posted its last completion. */
    private void whenReleased(Runnable outcome) {
        current.released().thenRun(outcome);
    }

    private void deliver(Completion completion) {
        List<BufferRing.Buffer> taken = bundles ? buffers.takeBundle(completion) : List.of(buffers.take(completion));
        try {
            for (BufferRing.Buffer buffer : taken) {
                if (!done.isDone()) {
                    receiver.accept(buffer.data());
                    total += buffer.data().byteSize();
                }
            }
        } catch (RuntimeException | Error e) {
            done.completeExceptionally(e);
            stop();
        } finally {
            for (BufferRing.Buffer buffer : taken) {
                buffers.recycle(buffer);
            }
        }
    }
}
