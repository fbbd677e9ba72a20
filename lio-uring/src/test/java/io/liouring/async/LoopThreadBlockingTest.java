package io.liouring.async;

import io.liouring.operation.Nop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nothing blocks on the loop thread: every way of waiting there throws instead of parking the loop forever. */
class LoopThreadBlockingTest {
    private final EventLoop loop = EventLoop.open();

    @AfterEach
    void close() {
        loop.close();
    }

    /** Runs {@code attempt} on the loop thread, as a completion callback would, and returns what it threw. */
    private Throwable thrownOnTheLoopThread(Function<IoFuture<Integer>, Object> attempt) throws Exception {
        return loop.runOnLoop(ring -> {
            try {
                attempt.apply(loop.submitResult(new Nop()));
                return null;
            } catch (Throwable t) {
                return t;
            }
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void joinGetAndAwaitOnTheLoopThreadThrowInsteadOfDeadlocking() throws Exception {
        for (Function<IoFuture<Integer>, Object> wait : java.util.List.<Function<IoFuture<Integer>, Object>>of(
                IoFuture::join,
                IoFuture::await,
                f -> {
                    try {
                        return f.get();
                    } catch (InterruptedException | ExecutionException e) {
                        throw new AssertionError(e);
                    }
                },
                f -> {
                    try {
                        return f.get(1, TimeUnit.HOURS);
                    } catch (InterruptedException | ExecutionException | java.util.concurrent.TimeoutException e) {
                        throw new AssertionError(e);
                    }
                },
                f -> f.thenApply(n -> n + 1).join(),
                f -> f.released().join())) {
            Throwable t = thrownOnTheLoopThread(wait);
            assertInstanceOf(IllegalStateException.class, t);
            assertTrue(t.getMessage().contains("loop thread"), t.getMessage());
        }
        assertEquals(5, loop.callResult(new Nop().injectResult(5)), "the loop is still running");
    }

    @Test
    void aTaskOnTheLoopCannotWaitForItsOwnTaskEither() throws Exception {
        CompletableFuture<Object> nested = loop.runOnLoop(ring -> loop.runOnLoop(r -> 1).join());
        assertEquals(1, nested.get(10, TimeUnit.SECONDS), "a task run at once on the loop thread is already done");
        CompletableFuture<Throwable> thrown = loop.runOnLoop(ring -> {
            try {
                loop.closeAsync();
                loop.termination().join();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        assertInstanceOf(IllegalStateException.class, thrown.get(10, TimeUnit.SECONDS),
                "waiting for the loop's own termination on its thread would never end");
    }
}
