package io.liouring.async;

import io.liouring.Params;
import io.liouring.SqeFlags;
import io.liouring.OpenFlags;
import io.liouring.UringException;
import io.liouring.operation.Nop;
import io.liouring.operation.OpenAt;
import io.liouring.testing.AsyncNative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing touches the submission queue inside a completion pass: cancels decided while reaping are pushed after
 * it. On a ring whose submission queue is smaller than the work, that used to nest a reap inside a reap.
 */
class NoReentrancyTest {
    @Test
    void cancellingManyBlockedRequestsOnATinySqpollRingReleasesThemAllAndTheLoopStaysResponsive(@TempDir Path dir)
            throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Params sqPoll = Params.builder().sqPoll(Duration.ofMillis(10)).build();
        try (EventLoop loop = EventLoop.builder().entries(2).params(sqPoll).build()) {
            List<IoFuture<Integer>> opens = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                opens.add(loop.submit(new OpenAt(fifo, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0), SqeFlags.ASYNC,
                        null, ResultMapper.RESULT));
            }
            opens.forEach(f -> f.cancel(false));
            for (IoFuture<Integer> open : opens) {
                open.released().get(20, TimeUnit.SECONDS);
            }
            assertEquals(7, loop.submitResult(new Nop().injectResult(7)).get(10, TimeUnit.SECONDS),
                    "a later request is answered");
            assertEquals(0, loop.inFlight());

            long cpuBefore = AsyncNative.threadCpuNanos(loop.thread());
            Thread.sleep(500);
            long cpuMillis = (AsyncNative.threadCpuNanos(loop.thread()) - cpuBefore) / 1_000_000;
            assertTrue(cpuMillis < 100, "the idle loop sleeps instead of spinning: " + cpuMillis + " ms CPU in 500 ms");
        } catch (UringException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "SQPOLL refused here: " + e.getMessage());
        }
    }
}
