package io.liouring.nio.channels;

import io.liouring.async.EventLoop;
import io.liouring.async.EventLoopGroup;

import java.io.IOException;

import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.ShutdownChannelGroupException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link AsynchronousChannelGroup} on io_uring. Two kinds:
 *
 * <ul>
 * <li><b>Fixed</b> ({@code withFixedThreadPool(n, factory)}): each of the {@code n} threads, made by the user's
 * factory, drives an io_uring event loop of its own and runs the handlers of the channels bound to it, inline,
 * right where their completions are reaped — as the JDK's fixed pool runs handlers on the very threads that poll.
 * So a completion costs no hand-off between threads. A handler that blocks stalls its own loop, and the channels
 * on it, until it returns (the JDK documents the same hazard for fixed pools). The one deviation from the JDK:
 * waiting on one of this provider's {@link java.util.concurrent.Future}s on such a thread would wait for itself, and
 * fails at once with an {@link IllegalStateException} instead of hanging. Opening, binding and closing channels
 * there is allowed, as in the JDK (a proxy's accept handler opens its upstream connection): on a loop thread
 * {@code socket}, {@code bind} and {@code listen} are direct calls, which never block.</li>
 * <li><b>Cached, or over the user's executor</b>: the channels' requests go to the group's own event loops
 * ({@link #loopCount()} of them, daemon threads, closed when the group terminates), and completion handlers are
 * handed to the pool — never run on a loop thread, so a handler may block (the JDK hands over too).</li>
 * </ul>
 *
 * <p><b>Direct invocation.</b> An operation whose outcome is known when it is started (the channel is closed,
 * the buffer has no room, input was shut down) calls its handler on the initiating thread if that thread is
 * running a handler of this group, up to {@value #MAX_DIRECT_DEPTH} calls deep; otherwise the handler is handed
 * to the pool, as the JDK does.
 *
 * <p><b>A handler that throws</b> is not caught: the pool thread's uncaught-exception handler reports it once, the
 * thread dies and the pool replaces it ({@link ThreadPoolExecutor}'s behaviour, and the JDK's). On a fixed group's
 * loop thread the thread's uncaught-exception handler reports it once and the loop goes on. A handler that returns
 * with its thread interrupted has the interrupt status cleared, as the JDK's groups clear it, so that the next
 * handler on that thread does not inherit it.
 *
 * <p><b>Shutdown</b> follows {@link AsynchronousChannelGroup}: after {@link #shutdown()} no channel may be
 * opened in the group ({@link ShutdownChannelGroupException}); once the last channel is closed — its descriptor
 * given back after the kernel released its last request, whose handler was handed to the pool before — the pool
 * is shut down (queued handlers still run) and the loops are closed. {@link #shutdownNow()} also closes every
 * open channel.
 */
final class LioChannelGroup extends AsynchronousChannelGroup implements Executor {
    /** Handler calls nested on one thread before the next goes through the pool. */
    static final int MAX_DIRECT_DEPTH = 16;
    private static final AtomicInteger GROUPS = new AtomicInteger();
    /** What this thread is running: a handler of which group, how deep. */
    private static final ThreadLocal<GroupThreadState> CURRENT = ThreadLocal.withInitial(GroupThreadState::new);

    /** Per-thread state for direct invocation. */
    private static final class GroupThreadState {
        LioChannelGroup group;
        int depth;
        /** A fixed group's loop thread (set once, when it starts). */
        boolean loopThread;
    }

    /** The handlers' pool; {@code null} for a fixed group, whose loop threads run the handlers. */
    private final ExecutorService pool;
    private final EventLoopGroup loops;
    private final NativeChunks chunks;
    private final Object lock = new Object();
    /** Open channels; guarded by {@link #lock}. */
    private final Set<GroupMember> channels = new HashSet<>();
    private volatile boolean shutdown;
    private final CountDownLatch terminating = new CountDownLatch(1);
    /** Completes when the loops have closed; set when termination begins. */
    private volatile CompletableFuture<Void> loopsClosed;

    /**
     * A group whose handlers go to {@code pool}, or, with {@code pool} {@code null}, one of {@code threads} loop
     * threads from {@code factory} that run them inline.
     */
    private LioChannelGroup(LioChannelProvider provider, ExecutorService pool, int threads, ThreadFactory factory,
                            NativeChunks chunks) throws IOException {
        super(provider);
        this.chunks = chunks;
        int id = GROUPS.incrementAndGet();
        AtomicInteger index = new AtomicInteger();
        EventLoopGroup started;
        try {
            if (pool == null) {
                ThreadFactory loopThreads = body -> factory.newThread(() -> {
                    GroupThreadState state = CURRENT.get();
                    state.group = this;
                    state.loopThread = true;
                    body.run();
                });
                started = EventLoopGroup.open(threads, () -> EventLoop.builder().threadFactory(loopThreads)
                        .name("lio-nio-" + id + "-loop-" + index.getAndIncrement()));
            } else {
                started = EventLoopGroup.open(loopCount(), () -> EventLoop.builder().daemon(true)
                        .name("lio-nio-" + id + "-loop-" + index.getAndIncrement()));
            }
        } catch (io.liouring.UringException e) {
            shutDownPool(pool);
            throw new IOException("cannot start the group's io_uring loops: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            shutDownPool(pool);
            throw e;
        }
        this.loops = started;
        this.pool = pool;
    }

    private static void shutDownPool(ExecutorService pool) {
        if (pool != null) {
            pool.shutdown();
        }
    }

    /** Loops per group: one per four processors, at least one (a loop drives many connections). */
    static int loopCount() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 4);
    }

    /**
     * A fixed group: {@code threads} threads from {@code factory}, all started at once, each driving a loop and
     * running its channels' handlers.
     */
    static LioChannelGroup fixed(LioChannelProvider provider, int threads, ThreadFactory factory, NativeChunks chunks)
            throws IOException {
        if (threads <= 0) {
            throw new IllegalArgumentException("'nThreads' must be > 0"); // the JDK's message
        }
        Objects.requireNonNull(factory, "threadFactory");
        return new LioChannelGroup(provider, null, threads, factory, chunks);
    }

    /**
     * A group over a cached pool from {@code factory} that keeps {@code initialSize} threads and adds threads as
     * handlers need them (idle ones end after a minute): the JDK's default group.
     */
    static LioChannelGroup cached(LioChannelProvider provider, ThreadFactory factory, int initialSize,
                                  NativeChunks chunks) throws IOException {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(Math.max(0, initialSize), Integer.MAX_VALUE, 60,
                TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
        return new LioChannelGroup(provider, pool, 0, null, chunks);
    }

    /** A group whose handlers run on the caller's {@code executor}, which it shuts down when it terminates. */
    static LioChannelGroup over(LioChannelProvider provider, ExecutorService executor, NativeChunks chunks)
            throws IOException {
        return new LioChannelGroup(provider, executor, 0, null, chunks);
    }

    /** The loop a new channel goes to, round-robin. */
    EventLoop nextLoop() {
        return loops.next();
    }

    /**
     * Whether the calling thread is a fixed group's loop thread, which must not wait: for what a loop thread of
     * another kind is, the core refuses blocking calls itself.
     */
    static boolean onLoopThread() {
        return CURRENT.get().loopThread;
    }

    /** The native memory heap buffers go through. */
    NativeChunks chunks() {
        return chunks;
    }

    // ------------------------------------------------------------------ handlers

    /**
     * Runs a handler: directly if this thread is running a handler of this group and the nesting allows, else on
     * the pool.
     */
    void invoke(HandlerTask<?, ?> task) {
        GroupThreadState state = CURRENT.get();
        if (state.group == this && state.depth < MAX_DIRECT_DEPTH) {
            boolean completionOnLoop = state.depth == 0; // a fixed group's loop reaping: nobody above to report to
            state.depth++;
            try {
                task.callHandler();
            } catch (Throwable e) {
                if (!completionOnLoop) {
                    throw e;
                }
                Thread current = Thread.currentThread();
                current.getUncaughtExceptionHandler().uncaughtException(current, e);
            } finally {
                state.depth--;
            }
            return;
        }
        handOff(task);
    }

    /** Hands a handler to the pool, never running it on this thread (see {@link #handOff}). */
    void dispatch(HandlerTask<?, ?> task) {
        handOff(task);
    }

    /**
     * Hands a handler to the pool. If the pool refuses because the group has terminated, an operation started now
     * fails with {@link ShutdownChannelGroupException}, as the JDK's does. A completion that arrives on a loop
     * thread when the pool refuses (a user's executor shut down behind the group's back) has its handler run on a
     * new thread instead: it is never lost, and never run on the loop.
     *
     * @throws ShutdownChannelGroupException if the group has shut its pool down and this is not a loop thread
     */
    private void handOff(HandlerTask<?, ?> task) {
        try {
            if (pool != null) {
                pool.execute(task);
            } else {
                currentOrNextLoop().execute(task);
            }
        } catch (RejectedExecutionException refused) {
            boolean onLoop = loops.loops().stream().anyMatch(EventLoop::inLoop);
            if (shutdown && !onLoop) {
                throw new ShutdownChannelGroupException();
            }
            Thread.ofPlatform().daemon().name("lio-nio-late-handler").start(task);
        }
    }

    /**
     * Runs {@code command} on one of the group's threads: its pool's, or for a fixed group one of its loop threads,
     * where, like a handler, it stalls that loop while it runs. The JDK's groups are {@link Executor}s as well, and
     * code written against them submits tasks to a group this way.
     *
     * @throws RejectedExecutionException if the group has terminated
     */
    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        if (pool != null) {
            pool.execute(command);
        } else {
            loops.next().execute(command);
        }
    }

    /** A fixed group's loop: the calling thread's if it is one of them (its channels' handlers stay there). */
    private EventLoop currentOrNextLoop() {
        if (CURRENT.get().group == this) {
            for (EventLoop loop : loops.loops()) {
                if (loop.inLoop()) {
                    return loop;
                }
            }
        }
        return loops.next();
    }

    /** Runs {@code task}'s handler as this group's thread, at depth one. */
    void runAsGroupThread(HandlerTask<?, ?> task) {
        GroupThreadState state = CURRENT.get();
        LioChannelGroup outerGroup = state.group;
        int outerDepth = state.depth;
        state.group = this;
        state.depth = 1;
        try {
            task.callHandler();
        } finally {
            state.group = outerGroup;
            state.depth = outerDepth;
        }
    }

    // ------------------------------------------------------------------ membership and shutdown

    /**
     * Adds a new channel.
     *
     * @throws ShutdownChannelGroupException if the group is shut down
     */
    void register(GroupMember channel) {
        synchronized (lock) {
            if (shutdown) {
                throw new ShutdownChannelGroupException();
            }
            channels.add(channel);
        }
    }

    /** A channel's descriptor has been closed: the last one of a shut-down group terminates it. */
    void deregister(GroupMember channel) {
        synchronized (lock) {
            if (channels.remove(channel) && shutdown && channels.isEmpty()) {
                beginTermination();
            }
        }
    }

    /** {@inheritDoc} */
    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    /** {@inheritDoc} */
    @Override
    public boolean isTerminated() {
        CompletableFuture<Void> closed = loopsClosed;
        return closed != null && (pool == null || pool.isTerminated()) && closed.isDone();
    }

    /**
     * Shuts the group down: no new channels; it terminates once every channel is closed and every handler has
     * run. Idempotent.
     */
    @Override
    public void shutdown() {
        synchronized (lock) {
            if (shutdown) {
                return;
            }
            shutdown = true;
            if (channels.isEmpty()) {
                beginTermination();
            }
        }
    }

    /**
     * {@link #shutdown()}, and closes every open channel as if all at once: their pending operations fail with
     * {@link java.nio.channels.AsynchronousCloseException}, delivered before the pool stops. Every channel is
     * marked closing ({@link GroupMember#markClosing()}) before the first descriptor is closed, so a pending read
     * never completes with the end of stream that closing its peer in the same group would send.
     */
    @Override
    public void shutdownNow() {
        List<GroupMember> open;
        synchronized (lock) {
            shutdown();
            open = new ArrayList<>(channels);
        }
        for (GroupMember channel : open) {
            channel.markClosing();
        }
        for (GroupMember channel : open) {
            channel.closeForShutdown();
        }
    }

    /**
     * Waits until the group has terminated: the pool has finished and the loops have closed. As the JDK's groups, a
     * group that has terminated answers {@code true} at once, even to an interrupted thread (whose status stays set):
     * only a wait is interrupted.
     */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        if (isTerminated()) {
            return true;
        }
        if (!terminating.await(timeout, unit)) {
            return false;
        }
        if (pool != null && !pool.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        try {
            loopsClosed.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            // a loop that failed while closing has closed all the same
        }
        return true;
    }

    /** Called once, under the lock, when the group is shut down and has no channels. */
    private void beginTermination() {
        if (terminating.getCount() == 0) {
            return;
        }
        if (pool != null) {
            loopsClosed = loops.closeAsync();
            pool.shutdown();
        } else {
            // each loop closes once the handlers already handed to it have run
            List<CompletableFuture<Void>> closing = new ArrayList<>();
            for (EventLoop loop : loops.loops()) {
                closing.add(loop.termination());
                try {
                    loop.execute(loop::closeAsync);
                } catch (RejectedExecutionException closed) {
                    // closed already
                }
            }
            loopsClosed = CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
        }
        terminating.countDown();
    }

    @Override
    public String toString() {
        String state = isTerminated() ? "terminated" : shutdown ? "shutdown" : "open";
        return "LioChannelGroup[" + loops.loops().size() + (pool == null ? " loops running handlers, " : " loops, ")
                + state + "]";
    }
}
