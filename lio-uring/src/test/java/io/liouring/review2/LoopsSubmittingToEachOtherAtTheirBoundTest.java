package io.liouring.review2;

import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.operation.Nop;
import io.liouring.operation.Timeout;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Found in the second review and fixed; what used to happen: admission lets a loop's own thread through over the bound, but parks any other thread, including the thread of
 * another loop. Two loops at their bound whose callbacks submit to each other (a proxy: what one connection reads,
 * the other writes) park each other's thread; neither reaps again, so neither releases a permit: both loops are dead
 * for good (only close() unparks them), although the kernel completed everything they hold.
 */
class LoopsSubmittingToEachOtherAtTheirBoundTest {
    @Test
    void twoLoopsAtTheirBoundSubmittingToEachOtherDeadlock() throws Exception {
        EventLoop a = EventLoop.builder().name("adm-a").maxRequests(1).closeGrace(Duration.ofMillis(200)).build();
        EventLoop b = EventLoop.builder().name("adm-b").maxRequests(1).closeGrace(Duration.ofMillis(200)).build();
        CountDownLatch full = new CountDownLatch(2);
        AtomicReference<IoFuture<?>> za = new AtomicReference<>();
        AtomicReference<IoFuture<?>> zb = new AtomicReference<>();
        try {
            a.submit(new Timeout(Duration.ofMillis(100))).thenRun(() -> crossSubmit(a, b, za, full));
            b.submit(new Timeout(Duration.ofMillis(100))).thenRun(() -> crossSubmit(b, a, zb, full));
            Thread.sleep(1500);
            assertTrue(za.get() != null && zb.get() != null, "precondition: both callbacks ran");
            assertTrue(za.get().isDone() && zb.get().isDone(), "300 ms timeouts still not completed after 1.4 s:"
                    + " each loop thread is parked in the other's Admission (" + a + ", " + b + ")");
        } finally {
            a.closeAsync(); // openForever unparks them
            b.closeAsync();
            a.close();
            b.close();
        }
    }

    private static void crossSubmit(EventLoop own, EventLoop other, AtomicReference<IoFuture<?>> mine,
                                    CountDownLatch full) {
        mine.set(own.submit(new Timeout(Duration.ofMillis(300)))); // own loop at its bound again
        full.countDown();
        try {
            full.await(1, TimeUnit.SECONDS); // (test only) both loops are at their bound
        } catch (InterruptedException e) {
            return;
        }
        other.submit(new Nop()); // the reply to the other side: parks this loop's thread
    }
}
