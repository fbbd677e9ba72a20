package io.liouring.async;

import io.liouring.operation.Nop;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link EventLoop.Builder#threadFactory} and {@link EventLoop#execute}. */
class LoopThreadFactoryTest {
    private static final long WAIT_SECONDS = 30;

    @Test
    void theLoopRunsOnTheThreadItsFactoryMade() throws Exception {
        List<Thread> made = new CopyOnWriteArrayList<>();
        ThreadFactory factory = body -> {
            Thread t = new Thread(body, "made-by-the-factory");
            t.setDaemon(true);
            made.add(t);
            return t;
        };
        try (EventLoop loop = EventLoop.builder().name("factory-loop").threadFactory(factory).build()) {
            assertEquals(1, made.size());
            assertEquals(0, loop.submitResult(new Nop()).get(WAIT_SECONDS, TimeUnit.SECONDS));
            CompletableFuture<Thread> ranOn = new CompletableFuture<>();
            loop.execute(() -> ranOn.complete(Thread.currentThread()));
            assertSame(made.getFirst(), ranOn.get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals("factory-loop", loop.name());
        }
        made.getFirst().join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertFalse(made.getFirst().isAlive(), "the loop's thread ends when the loop closes");
    }

    @Test
    void aFactoryThatMakesNoThreadIsRefused() {
        assertThrows(IllegalStateException.class, () -> EventLoop.builder().threadFactory(body -> null).build());
    }

    @Test
    void executeRunsTheTaskOnTheLoopAfterTheCurrentOneNeverInsideIt() throws Exception {
        try (EventLoop loop = EventLoop.open()) {
            List<String> order = new CopyOnWriteArrayList<>();
            CompletableFuture<Boolean> inner = new CompletableFuture<>();
            loop.execute(() -> {
                order.add("outer starts");
                loop.execute(() -> {
                    order.add("inner");
                    inner.complete(loop.inLoop());
                });
                order.add("outer ends");
            });
            assertTrue(inner.get(WAIT_SECONDS, TimeUnit.SECONDS), "ran on the loop thread");
            assertEquals(List.of("outer starts", "outer ends", "inner"), order);
        }
    }

    @Test
    void aTaskThatThrowsIsReportedAndTheLoopGoesOn() throws Exception {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        ThreadFactory factory = body -> {
            Thread t = new Thread(body, "reporting-loop");
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((thread, e) -> reported.add(e));
            return t;
        };
        try (EventLoop loop = EventLoop.builder().threadFactory(factory).build()) {
            IllegalArgumentException thrown = new IllegalArgumentException("from a task");
            loop.execute(() -> {
                throw thrown;
            });
            assertEquals(0, loop.submitResult(new Nop()).get(WAIT_SECONDS, TimeUnit.SECONDS));
            CompletableFuture<Void> after = new CompletableFuture<>();
            loop.execute(() -> after.complete(null));
            after.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(List.of(thrown), reported);
        }
    }

    @Test
    void aTaskThatKeepsHandingOverAnotherDoesNotStopTheLoopFromCompletingRequests() throws Exception {
        try (EventLoop loop = EventLoop.open()) {
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Runnable again = new Runnable() {
                @Override
                public void run() {
                    if (!stop.get()) {
                        loop.execute(this);
                    }
                }
            };
            loop.execute(again);
            try {
                assertEquals(0, loop.submitResult(new Nop()).get(WAIT_SECONDS, TimeUnit.SECONDS));
            } finally {
                stop.set(true);
            }
        }
    }

    @Test
    void executeOnAClosedLoopIsRejected() {
        EventLoop loop = EventLoop.open();
        loop.close();
        assertThrows(RejectedExecutionException.class, () -> loop.execute(() -> { }));
    }
}
