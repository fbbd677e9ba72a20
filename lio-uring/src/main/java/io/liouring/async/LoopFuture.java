package io.liouring.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link CompletableFuture} derived from a loop's request ({@code thenApply}, {@link IoFuture#released()}, …):
 * its non-{@code *Async} stages run on the loop thread, so waiting for it there ({@code get}, {@code join})
 * throws {@link IllegalStateException} instead of deadlocking the loop.
 *
 * @param <T> the value type
 */
final class LoopFuture<T> extends CompletableFuture<T> {
    private final EventLoop loop;

    LoopFuture(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        if (!isDone()) {
            LoopThreadGuard.refuseBlocking(loop, "get()");
        }
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!isDone()) {
            LoopThreadGuard.refuseBlocking(loop, "get(timeout)");
        }
        return super.get(timeout, unit);
    }

    @Override
    public T join() {
        if (!isDone()) {
            LoopThreadGuard.refuseBlocking(loop, "join()");
        }
        return super.join();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new LoopFuture<>(loop);
    }
}
