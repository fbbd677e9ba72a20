package io.liouring.async;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.OpenFlags;
import io.liouring.SqeFlags;
import io.liouring.operation.OpenAt;
import io.liouring.operation.Read;
import io.liouring.testing.AsyncNative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deadlines the loop keeps: a request with a timeout completes at its deadline whatever the kernel can interrupt. */
class DeadlineTest {
    @Test
    void anOpenBlockedInTheKernelCompletesWithEtimeAtItsDeadlineAndIsReleasedLater(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        try (EventLoop loop = EventLoop.open()) {
            long start = System.nanoTime();
            // An open of a FIFO with no writer, forced to an io-wq worker (IOSQE_ASYNC: no non-blocking first try),
            // blocks there; the kernel's link timeout cannot end it.
            IoFuture<Completion> open = loop.submit(new OpenAt(fifo, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0),
                    SqeFlags.ASYNC, Duration.ofMillis(100), ResultMapper.COMPLETION);
            Completion timedOut = open.get(10, TimeUnit.SECONDS);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Errno.ETIME, timedOut.errno(), "the loop completed the future at the deadline: " + timedOut);
            assertTrue(elapsedMillis >= 100, "not before the deadline: " + elapsedMillis + " ms");

            Completion released = open.released().get(10, TimeUnit.SECONDS);
            assertTrue(released.result() < 0, "the loop's cancel ended the open in the kernel: " + released);
            assertEquals(0, loop.inFlight());
        }
    }

    @Test
    void aLoopWithOneSubmissionEntryKeepsDeadlinesWithoutSpinning() throws Exception {
        int[] pipe = AsyncNative.pipe();
        try (EventLoop loop = EventLoop.builder().entries(1).build()) {
            long cpuBefore = AsyncNative.threadCpuNanos(loop.thread());
            Completion c = loop.submit(new Read(pipe[0], Arena.ofAuto().allocate(8)), Duration.ofMillis(300))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(Errno.ETIME, c.errno());
            long cpuMillis = (AsyncNative.threadCpuNanos(loop.thread()) - cpuBefore) / 1_000_000;
            assertTrue(cpuMillis < 150, "the loop slept through the 300 ms wait instead of spinning: " + cpuMillis + " ms CPU");
            assertEquals(42, loop.callResult(new io.liouring.operation.Nop().injectResult(42)));
        } finally {
            Fd.close(pipe[0]);
            Fd.close(pipe[1]);
        }
    }

    @Test
    void aReadThatGetsItsDataBeforeItsDeadlineKeepsIt() throws Exception {
        int[] pipe = AsyncNative.pipe();
        try (Arena arena = Arena.ofShared(); EventLoop loop = EventLoop.builder().entries(1).build()) {
            IoFuture<Integer> read = loop.submitResult(new Read(pipe[0], arena.allocate(8)), Duration.ofSeconds(30));
            AsyncNative.write(pipe[1], new byte[] {7, 7, 7});
            assertEquals(3, read.get(10, TimeUnit.SECONDS));
            assertNotEquals(null, read.released().get(10, TimeUnit.SECONDS));
        } finally {
            Fd.close(pipe[0]);
            Fd.close(pipe[1]);
        }
    }
}
