package io.liouring.async;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.operation.Nop;
import io.liouring.operation.Read;
import io.liouring.testing.AsyncNative;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Closing a loop: refused, dropped and cancelled requests fail by name; every fd and thread is released. */
class CloseTest {
    @Test
    void closeCancelsRequestsInTheKernelAndFailsTheirFuturesByName() throws Exception {
        int[] pipe = AsyncNative.pipe();
        try {
            EventLoop loop = EventLoop.open();
            List<IoFuture<Integer>> reads = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                reads.add(loop.submitResult(new Read(pipe[0], Arena.ofAuto().allocate(8), -1)));
            }
            IoFuture<Completion> timed = loop.submit(new Read(pipe[0], Arena.ofAuto().allocate(8), -1), Duration.ofHours(1));
            while (loop.inFlight() < 101) {
                Thread.sleep(2);
            }
            loop.close();

            for (IoFuture<Integer> read : reads) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> read.get(0, TimeUnit.SECONDS));
                assertInstanceOf(EventLoopClosedException.class, e.getCause());
                assertEquals(Errno.ECANCELED, read.released().getNow(null).errno(), "released by the kernel before close returned");
            }
            assertInstanceOf(EventLoopClosedException.class,
                    assertThrows(ExecutionException.class, () -> timed.get(0, TimeUnit.SECONDS)).getCause());
            assertEquals(0, loop.inFlight());
            assertFalse(loop.thread().isAlive());
        } finally {
            Fd.close(pipe[0]);
            Fd.close(pipe[1]);
        }
    }

    @Test
    void requestsStillQueuedAtCloseFailWithoutReachingTheKernel() throws Exception {
        EventLoop loop = EventLoop.open();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loop.runOnLoop(ring -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        // the loop thread is held before the requests are queued: else its pass could push them first
        assertTrue(holding.await(5, TimeUnit.SECONDS));
        List<IoFuture<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queued.add(loop.submitResult(new Nop()));
        }
        var termination = loop.closeAsync();
        release.countDown();
        termination.get(5, TimeUnit.SECONDS);
        for (IoFuture<Integer> f : queued) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(0, TimeUnit.SECONDS));
            assertInstanceOf(EventLoopClosedException.class, e.getCause());
            assertNull(f.released().getNow(new Completion(0, 1, 0)), "never reached the kernel");
        }
    }

    @Test
    void aClosedLoopRefusesWorkWithANamedException() {
        EventLoop loop = EventLoop.open();
        loop.close();
        assertTrue(loop.isClosed());
        IoFuture<Integer> refused = loop.submitResult(new Nop());
        assertTrue(refused.isCompletedExceptionally());
        assertThrows(EventLoopClosedException.class, refused::await);
        assertThrows(EventLoopClosedException.class, () -> loop.callResult(new Nop()));
        var task = loop.runOnLoop(ring -> 1);
        assertInstanceOf(EventLoopClosedException.class,
                assertThrows(ExecutionException.class, () -> task.get(0, TimeUnit.SECONDS)).getCause());
        loop.close(); // idempotent
    }

    @Test
    void closeReleasesEveryFdAndTheThread() throws Exception {
        int[] pipe = AsyncNative.pipe();
        try {
            long before = AsyncNative.openFds();
            for (int round = 0; round < 5; round++) {
                EventLoop loop = EventLoop.open();
                loop.submitResult(new Read(pipe[0], Arena.ofAuto().allocate(8), -1));
                loop.submitResult(new Read(pipe[0], Arena.ofAuto().allocate(8), -1), Duration.ofMinutes(1));
                assertEquals(0, loop.callResult(new Nop()));
                assertTrue(AsyncNative.openFds() > before, "the loop holds its ring and eventfd");
                loop.close();
                assertFalse(loop.thread().isAlive());
            }
            assertEquals(before, AsyncNative.openFds(), "no fd left behind by five loops");
        } finally {
            Fd.close(pipe[0]);
            Fd.close(pipe[1]);
        }
    }

    @Test
    void submittersRacingCloseEachGetAnOutcome() throws Exception {
        for (int round = 0; round < 20; round++) {
            EventLoop loop = EventLoop.open();
            int threads = 4;
            int perThread = 500;
            List<IoFuture<Integer>> all = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> submitters = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                submitters.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        all.add(loop.submitResult(new Nop()));
                    }
                }));
            }
            go.countDown();
            Thread.sleep(round % 3);
            loop.close();
            for (Thread t : submitters) {
                t.join();
            }
            assertEquals(threads * perThread, all.size());
            for (IoFuture<Integer> f : all) {
                try {
                    assertEquals(0, f.get(5, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    assertInstanceOf(EventLoopClosedException.class, e.getCause());
                }
                assertTrue(f.released().isDone(), "every request released");
            }
        }
    }

    @Test
    void closingFromACallbackOnTheLoopThreadDoesNotDeadlock() throws Exception {
        EventLoop loop = EventLoop.open();
        loop.submitResult(new Nop()).thenRun(loop::close);
        loop.termination().get(5, TimeUnit.SECONDS);
        assertTrue(loop.isClosed());
    }

    @Test
    void aCloseGraceTooLongForNanosecondsMeansWaitAsLongAsItTakes() throws Exception {
        EventLoop loop = EventLoop.builder().closeGrace(java.time.temporal.ChronoUnit.FOREVER.getDuration()).build();
        assertEquals(0, loop.submitResult(new Nop()).get(5, TimeUnit.SECONDS));
        loop.close();
        assertTrue(loop.termination().isDone());
        assertFalse(loop.thread().isAlive());
    }

    @Test
    void aGroupSpreadsWorkRoundRobinOverItsLoopsAndClosesThemAll() throws Exception {
        try (EventLoopGroup group = EventLoopGroup.open(3)) {
            assertEquals(3, group.loops().size());
            Set<EventLoop> picked = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                picked.add(group.next());
            }
            assertEquals(Set.copyOf(group.loops()), picked);
            assertEquals(group.loops().get(0), group.next());

            ResultMapper<String> completingThread = (op, userData, result, flags) -> Thread.currentThread().getName();
            List<IoFuture<String>> work = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                work.add(group.next().submit(new Nop(), io.liouring.SqeFlags.NONE, null, completingThread));
            }
            Set<String> threads = new HashSet<>();
            for (IoFuture<String> w : work) {
                threads.add(w.get(5, TimeUnit.SECONDS));
            }
            assertEquals(group.loops().stream().map(EventLoop::name).collect(java.util.stream.Collectors.toSet()), threads,
                    "each loop completed a third of the work on its own thread");
            group.close();
            for (EventLoop loop : group.loops()) {
                assertTrue(loop.isClosed());
                assertFalse(loop.thread().isAlive());
            }
        }
    }
}
