package io.liouring.async;

import io.liouring.Fd;
import io.liouring.operation.Nop;
import io.liouring.operation.Read;
import io.liouring.testing.AsyncNative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many submitting threads at once, platform and virtual; virtual threads parked on I/O without carriers. */
class ConcurrencyTest {
    private final EventLoop loop = EventLoop.open();

    @AfterEach
    void close() {
        loop.close();
    }

    @Test
    void tenThousandVirtualThreadsAndEightPlatformThreadsEachGetTheirOwnResultExactlyOnce() throws Exception {
        int virtualThreads = 10_000;
        int platformThreads = 8;
        int perPlatformThread = 2_000;
        int total = virtualThreads + platformThreads * perPlatformThread;
        AtomicIntegerArray completions = new AtomicIntegerArray(total);
        AtomicLong wrong = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int v = 0; v < virtualThreads; v++) {
            int id = v;
            threads.add(Thread.ofVirtual().start(() -> {
                awaitQuietly(go);
                // blocking form: the nop completes with the id it was given
                int result = loop.callResult(new Nop().injectResult(id));
                if (result != id) {
                    wrong.incrementAndGet();
                }
                completions.incrementAndGet(id);
            }));
        }
        for (int p = 0; p < platformThreads; p++) {
            int base = virtualThreads + p * perPlatformThread;
            threads.add(Thread.ofPlatform().start(() -> {
                awaitQuietly(go);
                List<IoFuture<Integer>> mine = new ArrayList<>(perPlatformThread);
                for (int i = 0; i < perPlatformThread; i++) {
                    int id = base + i;
                    IoFuture<Integer> f = loop.submitResult(new Nop().injectResult(id));
                    f.whenComplete((r, e) -> {
                        if (e != null || r != id) {
                            wrong.incrementAndGet();
                        }
                        completions.incrementAndGet(id);
                    });
                    mine.add(f);
                }
                mine.forEach(IoFuture::join);
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            assertTrue(!t.isAlive(), "submitter finished: " + t);
        }
        assertEquals(0, wrong.get(), "futures completed with another request's result");
        for (int i = 0; i < total; i++) {
            assertEquals(1, completions.get(i), "request " + i + " completed exactly once");
        }
        assertEquals(0, loop.inFlight());
    }

    @Test
    void tenThousandVirtualThreadsBlockedOnReadsAllParkAtOnceWithoutACarrierEach() throws Exception {
        int readers = 10_000;
        int[] pipe = AsyncNative.pipe();
        try {
            AtomicLong bytes = new AtomicLong();
            List<Thread> threads = new ArrayList<>(readers);
            for (int i = 0; i < readers; i++) {
                threads.add(Thread.ofVirtual().start(() ->
                        bytes.addAndGet(loop.callResult(new Read(pipe[0], Arena.ofAuto().allocate(1), -1)))));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((loop.inFlight() < readers || !allWaiting(threads)) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(readers, loop.inFlight(), "every read is in the kernel");
            assertTrue(allWaiting(threads), "every reader is parked");
            int platform = AsyncNative.platformThreadCount();
            assertTrue(platform < 200, readers + " parked virtual threads must not hold carriers, but the JVM runs "
                    + platform + " platform threads (scheduler parallelism "
                    + System.getProperty("jdk.virtualThreadScheduler.parallelism",
                    String.valueOf(ForkJoinPool.getCommonPoolParallelism())) + ")");

            assertEquals(readers, AsyncNative.write(pipe[1], new byte[readers]));
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(60));
            }
            assertEquals(readers, bytes.get(), "each reader got one byte");
        } finally {
            Fd.close(pipe[0]);
            Fd.close(pipe[1]);
        }
    }

    private static boolean allWaiting(List<Thread> threads) {
        for (Thread t : threads) {
            if (t.getState() != Thread.State.WAITING) {
                return false;
            }
        }
        return true;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
