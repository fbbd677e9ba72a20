package io.liouring.async;

import io.liouring.Fd;
import io.liouring.operation.Nop;
import io.liouring.operation.Read;
import io.liouring.testing.AsyncNative;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** At most {@code maxRequests} requests are outstanding: a faster producer parks; the loop thread, which cannot, is let through. */
class BackpressureTest {
    @Test
    void aSubmitterParksAtTheBoundUntilARequestIsReleased() throws Exception {
        int[] pipe = AsyncNative.pipe();
        try (Arena arena = Arena.ofShared(); EventLoop loop = EventLoop.builder().maxRequests(4).build()) {
            List<IoFuture<Integer>> reads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                reads.add(loop.submitResult(new Read(pipe[0], arena.allocate(1))));
            }
            CompletableFuture<Integer> fifth = new CompletableFuture<>();
            Thread producer = Thread.ofVirtual().start(() -> fifth.complete(loop.callResult(new Nop().injectResult(5))));
            Thread.sleep(300);
            assertTrue(!fifth.isDone(), "the fifth request waits for a free place");
            assertEquals(Thread.State.WAITING, producer.getState(), "the producer is parked, not spinning");

            AsyncNative.write(pipe[1], new byte[] {1});
            assertEquals(5, fifth.get(10, TimeUnit.SECONDS), "a released read let the fifth request in");
            AsyncNative.write(pipe[1], new byte[] {1, 1, 1});
            for (IoFuture<Integer> read : reads) {
                assertEquals(1, read.get(10, TimeUnit.SECONDS));
            }
        } finally {
            Fd.close(pipe[0]);
            Fd.close(pipe[1]);
        }
    }

    @Test
    void theLoopThreadIsLetThroughOverTheBoundAndOthersWaitTheLonger() throws Exception {
        int[] pipe = AsyncNative.pipe();
        // The loop closes before the arena: the reads' buffers outlive the requests.
        try (Arena arena = Arena.ofShared(); EventLoop loop = EventLoop.builder().maxRequests(2).build()) {
            IoFuture<Integer> first = loop.submitResult(new Read(pipe[0], arena.allocate(1)));
            IoFuture<Integer> second = loop.submitResult(new Read(pipe[0], arena.allocate(1)));
            IoFuture<Integer> third = loop.runOnLoop(ring -> loop.submitResult(new Read(pipe[0], arena.allocate(1))))
                    .get(10, TimeUnit.SECONDS); // the loop thread cannot wait: it goes over the bound
            CompletableFuture<Integer> fourth = new CompletableFuture<>();
            Thread producer = Thread.ofVirtual().start(() -> fourth.complete(loop.callResult(new Nop().injectResult(4))));
            AsyncNative.write(pipe[1], new byte[] {1}); // one of the three reads gets it
            CompletableFuture.anyOf(first, second, third).get(10, TimeUnit.SECONDS);
            Thread.sleep(200);
            assertTrue(!fourth.isDone(), "one released read is not enough: three were outstanding against a bound of two");
            assertEquals(Thread.State.WAITING, producer.getState());
            AsyncNative.write(pipe[1], new byte[] {1, 1});
            assertEquals(1, first.get(10, TimeUnit.SECONDS));
            assertEquals(1, second.get(10, TimeUnit.SECONDS));
            assertEquals(1, third.get(10, TimeUnit.SECONDS));
            assertEquals(4, fourth.get(10, TimeUnit.SECONDS));
        } finally {
            Fd.close(pipe[0]);
            Fd.close(pipe[1]);
        }
    }
}
