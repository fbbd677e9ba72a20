package io.liouring.review;

import io.liouring.Fd;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.operation.Read;
import io.liouring.testing.AsyncNative;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Found in review and fixed; what used to happen: with {@code closeGrace(Duration.ZERO)} LoopShutdown.run never reaps after pushing its cancels (the
 * wait loop runs zero times), so every request is abandoned even though the kernel has already answered the cancel:
 * its released() never completes (a TransferFuture's released(), closeIfAbandoned's fd close never run) and the loop's
 * arena (the eventfd read is always "still held") is leaked into EventLoop.ABANDONED on every such close.
 */
class ZeroCloseGraceReapsReleasedRequestsTest {
    @Test
    void aRequestTheKernelReleasedAtOnceIsNotAbandoned() throws Exception {
        int[] pipe = AsyncNative.pipe();
        try (Arena arena = Arena.ofShared()) {
            EventLoop loop = EventLoop.builder().closeGrace(Duration.ZERO).build();
            IoFuture<Integer> read = loop.submitResult(new Read(pipe[0], arena.allocate(8)));
            while (loop.inFlight() < 1) {
                Thread.sleep(1);
            }
            loop.close();
            try {
                read.released().get(2, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                fail("a pipe read, cancelled at once by the close, was abandoned (released() never completes): "
                        + read.exceptionNow());
            }
        } finally {
            Fd.close(pipe[0]);
            Fd.close(pipe[1]);
        }
    }
}
