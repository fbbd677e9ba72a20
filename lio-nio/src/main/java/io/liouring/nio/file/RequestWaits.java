package io.liouring.nio.file;

import io.liouring.async.IoFuture;
import io.liouring.async.ResultMapper;
import io.liouring.internal.IoErrors;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/** How a blocking call of the file channels waits for its ring request. */
final class RequestWaits {
    /** Raw results: a descriptor, a count, or {@code -errno}. */
    static final ResultMapper<Integer> RAW = (operation, userData, result, flags) -> result;

    private RequestWaits() {
    }

    /**
     * Waits for a request of a blocking call without being interruptible, and returns or throws only once the
     * kernel is done with its memory. Not interruptible on purpose: an interrupt must end the call through the
     * channel's interruptor, which closes the channel and so cancels the request, and not by waking this thread
     * first — a platform thread is unparked before the interruptor runs, and a wait that ended then would throw
     * before the channel knew it was closed by the interrupt. The interrupt status is kept.
     */
    static <T> T awaitUninterruptibly(IoFuture<T> request) throws IOException {
        try {
            return request.join();
        } catch (CompletionException | CancellationException e) {
            request.awaitRelease();
            throw IoErrors.onCallerThread(e instanceof CompletionException ? e.getCause() : e);
        } finally {
            request.awaitRelease();
        }
    }

    /** Waits, not interruptibly, for a request whose mapper never throws; a closed loop is an IOException. */
    static int joinRaw(IoFuture<Integer> request) throws IOException {
        try {
            return request.join();
        } catch (CompletionException e) {
            throw IoErrors.onCallerThread(e.getCause());
        }
    }
}
