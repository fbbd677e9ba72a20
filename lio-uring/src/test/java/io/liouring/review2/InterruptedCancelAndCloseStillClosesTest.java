package io.liouring.review2;

import io.liouring.Fd;
import io.liouring.async.EventLoop;
import io.liouring.testing.PipeNative;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Found in the second review and fixed; what used to happen: eventLoop.cancelAndClose waits for its CLOSE with IoFuture.await(), whose interrupt path cancels the request. A
 * thread with its interrupt status set (or interrupted while waiting) cancels the CLOSE while it is still handed
 * over, so it never runs: cancelAndClose throws CancellationException and the descriptor stays open for good,
 * though the method promises to close it (and nothing else will: the caller has given it away).
 */
class InterruptedCancelAndCloseStillClosesTest {
    @Test
    void anInterruptedCancelAndCloseLeavesTheDescriptorOpen() throws Exception {
        try (EventLoop loop = EventLoop.open()) {
            PipeNative.Ends ends = PipeNative.pipe();
            int fd = ends.writeFd();
            Throwable thrown = null;
            loop.runOnLoop(ring -> { // keeps the loop busy a moment, as a burst of completions would
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            Thread.sleep(20);
            Thread.currentThread().interrupt();
            try {
                loop.cancelAndClose(fd);
            } catch (RuntimeException e) {
                thrown = e;
            } finally {
                Thread.interrupted();
            }
            Thread.sleep(300);
            boolean open = Files.exists(Path.of("/proc/self/fd/" + fd));
            System.out.println("cancelAndClose threw " + thrown + ", open=" + open);
            Fd.close(ends.readFd());
            if (open) {
                Fd.close(fd);
            }
            assertFalse(open, "cancelAndClose(" + fd + ") left the descriptor open (it threw " + thrown + ")");
        }
    }
}
