package io.liouring.async;

import io.liouring.Feature;
import io.liouring.Params;
import io.liouring.operation.Nop;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** How an event loop waits: without iowait where the kernel allows, and SQPOLL back-pressure by sleeping. */
class LoopWaitFlagsTest {
    @Test
    void anIdleLoopDoesNotCountAsIowait() throws Exception {
        try (EventLoop loop = EventLoop.open()) {
            assumeTrue(loop.features().contains(Feature.NO_IOWAIT), "IORING_ENTER_NO_IOWAIT needs Linux 6.15");
            assertFalse(loop.runOnLoop(LoopRing::iowait).get(30, TimeUnit.SECONDS));
            assertEquals(4, loop.callResult(new Nop().injectResult(4)), "the loop still wakes for work");
        }
    }

    @Test
    void aFullSqpollQueueIsWaitedOutNotSpunOn() throws Exception {
        // two SQ slots for a few hundred requests: the loop finds the queue full again and again and must wait for the
        // SQPOLL thread to take entries (IORING_ENTER_SQ_WAIT) before pushing more
        try (EventLoop loop = EventLoop.builder().entries(2)
                .params(Params.builder().sqPoll(Duration.ofMillis(5)).cqSize(1024).build()).build()) {
            List<IoFuture<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                results.add(loop.submitResult(new Nop().injectResult(i)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i, results.get(i).get(30, TimeUnit.SECONDS));
            }
        }
    }
}
