package io.liouring.async;

import io.liouring.Completion;
import io.liouring.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Several {@link EventLoop}s side by side (typically one per core), with work spread over them round-robin.
 * Requests that must share a ring (registered files, a connection's sends) should stay on one loop: take it
 * with {@link #next()} and keep it.
 */
public final class EventLoopGroup implements AutoCloseable {
    private static final AtomicInteger GROUPS = new AtomicInteger();

    private final List<EventLoop> loops;
    private final AtomicInteger cursor = new AtomicInteger();

    private EventLoopGroup(List<EventLoop> loops) {
        this.loops = List.copyOf(loops);
    }

    /** {@return a group of one default loop per available processor} */
    public static EventLoopGroup open() {
        return open(Runtime.getRuntime().availableProcessors());
    }

    /**
     * {@code count} default loops named {@code lio-group-G-I}.
     *
     * @param count number of loops, positive
     * @return the started group
     */
    public static EventLoopGroup open(int count) {
        int group = GROUPS.getAndIncrement();
        AtomicInteger index = new AtomicInteger();
        return open(count, () -> EventLoop.builder().name("lio-group-" + group + "-" + index.getAndIncrement()));
    }

    /**
     * {@code count} loops, each built from a fresh builder from {@code settings}.
     *
     * @param count number of loops, positive
     * @param settings gives a new builder for each loop (names, entries, parameters)
     * @return the started group
     */
    public static EventLoopGroup open(int count, Supplier<EventLoop.Builder> settings) {
        Objects.requireNonNull(settings, "settings");
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        List<EventLoop> started = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                started.add(settings.get().build());
            }
        } catch (RuntimeException | Error e) {
            started.forEach(EventLoop::closeAsync);
            started.forEach(EventLoop::close);
            throw e;
        }
        return new EventLoopGroup(started);
    }

    /** {@return the next loop, round-robin} */
    public EventLoop next() {
        return loops.get(Math.floorMod(cursor.getAndIncrement(), loops.size()));
    }

    /** {@return the loops, in order} */
    public List<EventLoop> loops() {
        return loops;
    }

    /**
     * Submits to the next loop; see {@link EventLoop#submit(Operation)}.
     *
     * @param operation the request to send
     * @return a future of the completion, errors included
     */
    public IoFuture<Completion> submit(Operation operation) {
        return next().submit(operation);
    }

    /**
     * Submits to the next loop for the non-negative result; see {@link EventLoop#submitResult(Operation)}.
     *
     * @param operation the request to send
     * @return a future of the non-negative result
     */
    public IoFuture<Integer> submitResult(Operation operation) {
        return next().submitResult(operation);
    }

    /**
     * Starts closing every loop; completes when all have terminated.
     *
     * @return a future that completes when every loop has terminated
     */
    public CompletableFuture<Void> closeAsync() {
        return CompletableFuture.allOf(loops.stream().map(EventLoop::closeAsync).toArray(CompletableFuture[]::new));
    }

    /** Closes every loop (in parallel) and waits for all of them. */
    @Override
    public void close() {
        loops.forEach(EventLoop::closeAsync);
        loops.forEach(EventLoop::close);
    }
}
