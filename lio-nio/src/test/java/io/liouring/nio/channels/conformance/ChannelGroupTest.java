package io.liouring.nio.channels.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.IllegalChannelGroupException;
import java.nio.channels.ShutdownChannelGroupException;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;

/** {@link AsynchronousChannelGroup}: thread pools, handler threads, shutdown and termination. */
@Timeout(120)
class ChannelGroupTest {

    private final Resources resources = new Resources();

    @AfterEach
    void closeEverything() throws Exception {
        resources.close();
    }

    /** Reads one byte on {@code pair.server()} with a recording handler and returns that handler once it ran. */
    private static Recorder<Integer, String> exchangeOneByte(Loopback.Pair pair) {
        Recorder<Integer, String> handler = new Recorder<>();
        pair.server().read(ByteBuffer.allocate(1), "attachment", handler);
        Loopback.writeFully(pair.client(), ByteBuffer.wrap(new byte[] {42}));
        assertEquals(1, Await.result(handler.outcome));
        return handler;
    }

    // withFixedThreadPool: the group reuses nThreads threads made by the factory; a handler is guaranteed to run on
    // one of the group's pooled threads.
    @ForEachProvider
    @DisplayName("a fixed thread pool runs completion handlers on threads made by its factory")
    void fixedPoolRunsHandlersOnItsFactorysThreads(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        RecordingThreadFactory factory = new RecordingThreadFactory();
        AsynchronousChannelGroup group = resources.add(provider.openAsynchronousChannelGroup(2, factory));
        Loopback.Pair pair = Loopback.connect(provider, group, resources);

        Recorder<Integer, String> handler = exchangeOneByte(pair);

        assertTrue(factory.created.contains(handler.thread), "handler ran on " + handler.thread);
        assertEquals("attachment", handler.attachment);
        assertEquals(1, handler.invocations.get());
    }

    // Not in the Javadoc, but the JDK's groups are Executors, and the JDK's own test AsynchronousChannelGroup/AsExecutor
    // casts each kind of group to one: a task submitted that way runs on one of the group's threads.
    @ForEachProvider
    @DisplayName("a group is an Executor whose tasks run on the group's threads (the JDK's AsExecutor)")
    void groupIsAnExecutorOfItsThreads(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        RecordingThreadFactory fixedThreads = new RecordingThreadFactory();
        RecordingThreadFactory cachedThreads = new RecordingThreadFactory();
        RecordingThreadFactory usersThreads = new RecordingThreadFactory();
        AsynchronousChannelGroup fixed = resources.add(provider.openAsynchronousChannelGroup(2, fixedThreads));
        AsynchronousChannelGroup cached = resources.add(provider.openAsynchronousChannelGroup(
                resources.add(Executors.newCachedThreadPool(cachedThreads)), 0));
        AsynchronousChannelGroup users = resources.add(provider.openAsynchronousChannelGroup(
                resources.add(Executors.newFixedThreadPool(3, usersThreads)), 0));

        for (var kind : List.of(Map.entry(fixed, fixedThreads), Map.entry(cached, cachedThreads),
                Map.entry(users, usersThreads))) {
            Executor executor = assertInstanceOf(Executor.class, kind.getKey());
            CompletableFuture<Thread> ranOn = new CompletableFuture<>();
            executor.execute(() -> ranOn.complete(Thread.currentThread()));
            Thread thread = Await.result(ranOn);
            assertTrue(kind.getValue().created.contains(thread), kind.getKey() + ": the task ran on " + thread);
        }
    }

    // Nothing in the Javadoc keeps a completion handler from opening channels: a proxy's accept handler opens the
    // upstream connection there, and the JDK's fixed pools allow it. A handler on a fixed pool's thread opens a
    // socket channel in the group, binds it and connects it, and opens and binds a server channel; what it could not
    // wait for (the connect) it follows with a handler.
    @ForEachProvider
    @DisplayName("a handler on a fixed pool's thread may open, bind and connect channels of its group")
    void aHandlerOnAFixedPoolThreadOpensAndBindsChannels(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        RecordingThreadFactory factory = new RecordingThreadFactory();
        AsynchronousChannelGroup group = resources.add(provider.openAsynchronousChannelGroup(1, factory));
        AsynchronousServerSocketChannel upstream = Loopback.listen(provider, group, Loopback.ipv4(), resources);
        Future<AsynchronousSocketChannel> upstreamAccepted = upstream.accept();
        CompletableFuture<AsynchronousSocketChannel> connected = new CompletableFuture<>();
        CompletableFuture<AsynchronousServerSocketChannel> listening = new CompletableFuture<>();
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        AsynchronousServerSocketChannel front = Loopback.listen(provider, group, Loopback.ipv4(), resources);
        front.accept(null, new CompletionHandler<AsynchronousSocketChannel, Void>() {
            @Override
            public void completed(AsynchronousSocketChannel downstream, Void nothing) {
                resources.add(downstream);
                ranOn.complete(Thread.currentThread());
                try {
                    AsynchronousServerSocketChannel server = resources.add(provider.openAsynchronousServerSocketChannel(group));
                    listening.complete(server.bind(new java.net.InetSocketAddress(Loopback.ipv4(), 0)));
                    AsynchronousSocketChannel channel = resources.add(provider.openAsynchronousSocketChannel(group));
                    channel.bind(new java.net.InetSocketAddress(Loopback.ipv4(), 0));
                    channel.connect(upstream.getLocalAddress(), channel, new CompletionHandler<Void, AsynchronousSocketChannel>() {
                        @Override
                        public void completed(Void result, AsynchronousSocketChannel attachment) {
                            connected.complete(attachment);
                        }

                        @Override
                        public void failed(Throwable exc, AsynchronousSocketChannel attachment) {
                            connected.completeExceptionally(exc);
                        }
                    });
                } catch (Throwable e) {
                    listening.completeExceptionally(e);
                    connected.completeExceptionally(e);
                }
            }

            @Override
            public void failed(Throwable exc, Void nothing) {
                ranOn.completeExceptionally(exc);
            }
        });
        Await.result(resources.add(provider.openAsynchronousSocketChannel(group)).connect(front.getLocalAddress()));
        assertTrue(factory.created.contains(Await.result(ranOn)), "the accept handler ran on one of the group's threads");
        AsynchronousServerSocketChannel server = Await.result(listening);
        assertInstanceOf(java.net.InetSocketAddress.class, server.getLocalAddress());
        AsynchronousSocketChannel channel = Await.result(connected);
        assertEquals(channel.getLocalAddress(), resources.add(Await.result(upstreamAccepted)).getRemoteAddress());
        Future<AsynchronousSocketChannel> accepted = server.accept();
        AsynchronousSocketChannel client = resources.add(provider.openAsynchronousSocketChannel(group));
        Await.result(client.connect(server.getLocalAddress()));
        assertEquals(client.getLocalAddress(), resources.add(Await.result(accepted)).getRemoteAddress());
    }

    // A pooled thread runs one handler after another; a handler that leaves its thread interrupted (code it calls
    // interrupted it) must not pass that on to the next handler, whose blocking calls would fail for it. The JDK's
    // channels clear the interrupt status when a handler returns. On a fixed pool of one thread, the handler after
    // one that interrupted itself runs on the same thread, not interrupted.
    @ForEachProvider
    @DisplayName("a handler that interrupts its thread does not leave the interrupt to the next handler")
    void aHandlersInterruptIsClearedBeforeTheNextHandler(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        AsynchronousChannelGroup group = resources.add(provider.openAsynchronousChannelGroup(1,
                new RecordingThreadFactory()));
        Loopback.Pair pair = Loopback.connect(provider, group, resources);
        CompletableFuture<Thread> interrupter = new CompletableFuture<>();
        pair.server().read(ByteBuffer.allocate(1), null, new CompletionHandler<Integer, Void>() {
            @Override
            public void completed(Integer result, Void nothing) {
                Thread.currentThread().interrupt();
                interrupter.complete(Thread.currentThread());
            }

            @Override
            public void failed(Throwable exc, Void nothing) {
                interrupter.completeExceptionally(exc);
            }
        });
        Loopback.writeFully(pair.client(), ByteBuffer.wrap(new byte[] {1}));
        Thread first = Await.result(interrupter);

        CompletableFuture<Boolean> nextInterrupted = new CompletableFuture<>();
        CompletableFuture<Thread> nextThread = new CompletableFuture<>();
        pair.server().read(ByteBuffer.allocate(1), null, new CompletionHandler<Integer, Void>() {
            @Override
            public void completed(Integer result, Void nothing) {
                nextThread.complete(Thread.currentThread());
                nextInterrupted.complete(Thread.currentThread().isInterrupted());
            }

            @Override
            public void failed(Throwable exc, Void nothing) {
                nextInterrupted.completeExceptionally(exc);
            }
        });
        Loopback.writeFully(pair.client(), ByteBuffer.wrap(new byte[] {2}));
        assertFalse(Await.result(nextInterrupted), "the next handler ran interrupted");
        assertSame(first, Await.result(nextThread), "the one thread of the pool ran both handlers");
    }

    // openAsynchronousChannelGroup(int, ThreadFactory): IllegalArgumentException if nThreads <= 0.
    @ForEachProvider
    @DisplayName("a fixed thread pool of zero or fewer threads is an IllegalArgumentException")
    void fixedPoolRejectsNonPositiveThreadCounts(ProviderUnderTest p) {
        AsynchronousChannelProvider provider = p.provider();
        assertThrows(IllegalArgumentException.class,
                () -> resources.add(provider.openAsynchronousChannelGroup(0, new RecordingThreadFactory())));
        assertThrows(IllegalArgumentException.class,
                () -> resources.add(provider.openAsynchronousChannelGroup(-1, new RecordingThreadFactory())));
    }

    // The messages of those refusals, which the Javadoc does not word, are the JDK's.
    @ForEachProvider
    @DisplayName("a non-positive thread count and a null executor are refused with the JDK's messages")
    void groupArgumentErrorsCarryTheJdksMessages(ProviderUnderTest p) {
        AsynchronousChannelProvider provider = p.provider();
        assertEquals("'nThreads' must be > 0", assertThrows(IllegalArgumentException.class,
                () -> resources.add(provider.openAsynchronousChannelGroup(0, new RecordingThreadFactory())))
                .getMessage());
        assertEquals("'executor' is null", assertThrows(NullPointerException.class,
                () -> resources.add(provider.openAsynchronousChannelGroup(null, 0))).getMessage());
    }

    // withCachedThreadPool / withThreadPool: the user's ExecutorService runs the group's tasks; initialSize is a hint,
    // >= 0 or negative for an implementation specific default. withThreadPool passes initialSize 0 and asks for an
    // executor with direct handoff or an unbounded queue, such as a fixed pool over an unbounded queue.
    @ForEachProvider
    @DisplayName("a group on the user's ExecutorService (cached or fixed) runs handlers on its threads, for any initialSize")
    void usersExecutorRunsHandlers(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        for (int initialSize : new int[] {-1, 0, 3}) {
            RecordingThreadFactory factory = new RecordingThreadFactory();
            ExecutorService executor = resources.add(initialSize == 0
                    ? Executors.newFixedThreadPool(2, factory)
                    : Executors.newCachedThreadPool(factory));
            AsynchronousChannelGroup group = resources.add(provider.openAsynchronousChannelGroup(executor, initialSize));
            Loopback.Pair pair = Loopback.connect(provider, group, resources);

            Recorder<Integer, String> handler = exchangeOneByte(pair);

            assertTrue(factory.created.contains(handler.thread),
                    "initialSize " + initialSize + ": handler ran on " + handler.thread);
        }
    }

    // provider(): the provider that created this group; a channel's provider() is the provider that created it.
    @ForEachProvider
    @DisplayName("groups and their channels report the provider that created them")
    void groupsAndChannelsReportTheirProvider(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        AsynchronousChannelGroup group = resources.add(provider.openAsynchronousChannelGroup(1, new RecordingThreadFactory()));
        assertSame(provider, group.provider());
        Loopback.Pair pair = Loopback.connect(provider, group, resources);
        assertSame(provider, pair.client().provider());
        assertSame(provider, pair.server().provider(), "an accepted channel");
        assertSame(provider, resources.add(provider.openAsynchronousServerSocketChannel(group)).provider());
    }

    // isShutdown/isTerminated: a new group is neither; awaitTermination with a timeout of zero or less does not wait.
    @ForEachProvider
    @DisplayName("a new group is neither shut down nor terminated, and awaitTermination(0) returns false at once")
    void newGroupIsRunning(ProviderUnderTest p) throws Exception {
        AsynchronousChannelGroup group = resources.add(p.provider().openAsynchronousChannelGroup(1, new RecordingThreadFactory()));
        assertFalse(group.isShutdown());
        assertFalse(group.isTerminated());
        assertFalse(group.awaitTermination(0, TimeUnit.SECONDS));
        assertFalse(group.awaitTermination(-1, TimeUnit.SECONDS));
    }

    // shutdown(): marks the group shut down; further attempts to open a channel in it throw
    // ShutdownChannelGroupException; a second shutdown has no effect.
    @ForEachProvider
    @DisplayName("after shutdown, opening a channel in the group is a ShutdownChannelGroupException")
    void shutdownRefusesNewChannels(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        AsynchronousChannelGroup group = resources.add(provider.openAsynchronousChannelGroup(1, new RecordingThreadFactory()));
        group.shutdown();
        group.shutdown();

        assertTrue(group.isShutdown());
        assertThrows(ShutdownChannelGroupException.class,
                () -> resources.add(provider.openAsynchronousSocketChannel(group)));
        assertThrows(ShutdownChannelGroupException.class,
                () -> resources.add(provider.openAsynchronousServerSocketChannel(group)));
    }

    // Termination: once shut down, the group terminates when all its channels are closed (here: none).
    @ForEachProvider
    @DisplayName("a shut-down group without channels terminates")
    void shutdownOfAnEmptyGroupTerminates(ProviderUnderTest p) throws Exception {
        AsynchronousChannelGroup group = resources.add(p.provider().openAsynchronousChannelGroup(2, new RecordingThreadFactory()));
        group.shutdown();
        assertTrue(group.awaitTermination(Await.SECONDS, TimeUnit.SECONDS));
        assertTrue(group.isTerminated());
        assertTrue(group.isShutdown());
    }

    // awaitTermination throws InterruptedException "if interrupted while waiting": on a group that has terminated
    // there is nothing to wait for, and the JDK's returns true to an interrupted caller, whose status stays set.
    @ForEachProvider
    @DisplayName("awaitTermination of a terminated group returns true to an interrupted thread")
    void awaitTerminationOfATerminatedGroupIgnoresTheInterrupt(ProviderUnderTest p) throws Exception {
        for (AsynchronousChannelGroup group : List.of(
                resources.add(p.provider().openAsynchronousChannelGroup(1, new RecordingThreadFactory())),
                resources.add(p.provider().openAsynchronousChannelGroup(
                        resources.add(Executors.newCachedThreadPool(new RecordingThreadFactory())), 0)))) {
            group.shutdown();
            assertTrue(group.awaitTermination(Await.SECONDS, TimeUnit.SECONDS));
            Thread.currentThread().interrupt();
            try {
                assertTrue(group.awaitTermination(1, TimeUnit.SECONDS));
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is kept");
            } finally {
                Thread.interrupted();
            }
        }
    }

    // Termination: an orderly shutdown neither closes channels nor stops them; the group terminates only when every
    // channel bound to it is closed.
    @ForEachProvider
    @DisplayName("a shut-down group keeps serving its open channels and terminates only after the last is closed")
    void shutdownWaitsForOpenChannels(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        AsynchronousChannelGroup group = resources.add(provider.openAsynchronousChannelGroup(1, new RecordingThreadFactory()));
        Loopback.Pair pair = Loopback.connect(provider, group, resources);

        group.shutdown();

        assertFalse(group.awaitTermination(200, TimeUnit.MILLISECONDS), "terminated with two channels open");
        assertFalse(group.isTerminated());
        assertTrue(pair.client().isOpen());
        exchangeOneByte(pair);
        pair.client().close();
        assertFalse(group.awaitTermination(200, TimeUnit.MILLISECONDS), "terminated with a channel open");
        pair.server().close();
        assertTrue(group.awaitTermination(Await.SECONDS, TimeUnit.SECONDS));
        assertTrue(group.isTerminated());
    }

    // shutdownNow(): closes every open channel of the group as if by close(), so what was outstanding fails with
    // AsynchronousCloseException; the group then terminates. A further shutdownNow returns without effect.
    @ForEachProvider
    @DisplayName("shutdownNow closes every channel, fails its pending operations with AsynchronousCloseException, and terminates")
    void shutdownNowClosesChannels(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        AsynchronousChannelGroup group = resources.add(provider.openAsynchronousChannelGroup(1, new RecordingThreadFactory()));
        // The peer of the reading channel is outside the group: were it closed too, its end of stream could complete
        // the read with -1 before the read's own channel is closed (the JDK's provider shows that race).
        AsynchronousServerSocketChannel acceptor = Loopback.listen(provider, group, Loopback.ipv4(), resources);
        AsynchronousSocketChannel outsider = resources.add(provider.openAsynchronousSocketChannel(null));
        Future<AsynchronousSocketChannel> accepted = acceptor.accept();
        Await.result(outsider.connect(acceptor.getLocalAddress()));
        AsynchronousSocketChannel member = resources.add(Await.result(accepted));
        AsynchronousServerSocketChannel listener = Loopback.listen(provider, group, Loopback.ipv4(), resources);
        Future<Integer> pendingRead = member.read(ByteBuffer.allocate(16));
        Future<AsynchronousSocketChannel> pendingAccept = listener.accept();

        group.shutdownNow();

        Await.failure(pendingRead, AsynchronousCloseException.class);
        Await.failure(pendingAccept, AsynchronousCloseException.class);
        assertFalse(member.isOpen());
        assertFalse(acceptor.isOpen());
        assertFalse(listener.isOpen());
        assertTrue(outsider.isOpen(), "a channel of another group stays open");
        assertTrue(group.isShutdown());
        assertTrue(group.awaitTermination(Await.SECONDS, TimeUnit.SECONDS));
        group.shutdownNow();
        assertTrue(group.isTerminated());
    }

    // withThreadPool/withCachedThreadPool: termination of the group results in the orderly shutdown of the executor;
    // when isTerminated returns true the associated thread pool has terminated too.
    @ForEachProvider
    @DisplayName("termination of a group shuts down the user's executor")
    void terminationShutsDownTheUsersExecutor(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        ExecutorService executor = resources.add(Executors.newCachedThreadPool(new RecordingThreadFactory()));
        AsynchronousChannelGroup group = resources.add(provider.openAsynchronousChannelGroup(executor, 1));
        Loopback.Pair pair = Loopback.connect(provider, group, resources);
        exchangeOneByte(pair);
        pair.client().close();
        pair.server().close();

        group.shutdown();

        assertTrue(group.awaitTermination(Await.SECONDS, TimeUnit.SECONDS));
        assertTrue(executor.isShutdown());
        assertTrue(executor.awaitTermination(Await.SECONDS, TimeUnit.SECONDS));
    }

    // shutdownNow "may be invoked at any time" and does not interrupt handlers; the group terminates once the
    // handler that called it has run to completion. On a one-thread group that handler holds the only thread.
    @ForEachProvider
    @DisplayName("shutdownNow from inside a handler on a one-thread group terminates the group once the handler returns")
    void shutdownNowFromInsideAHandler(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        AsynchronousChannelGroup group = resources.add(provider.openAsynchronousChannelGroup(1, new RecordingThreadFactory()));
        Loopback.Pair pair = Loopback.connect(provider, group, resources);
        CountDownLatch returned = new CountDownLatch(1);
        List<Throwable> problems = new CopyOnWriteArrayList<>();
        pair.server().read(ByteBuffer.allocate(1), null, new CompletionHandler<Integer, Void>() {
            @Override
            public void completed(Integer result, Void nothing) {
                try {
                    group.shutdownNow();
                    if (!group.isShutdown() || pair.client().isOpen() || pair.server().isOpen()) {
                        problems.add(new AssertionError("after shutdownNow: group or channels still running"));
                    }
                } catch (Throwable t) {
                    problems.add(t);
                } finally {
                    returned.countDown();
                }
            }

            @Override
            public void failed(Throwable exc, Void nothing) {
                problems.add(exc);
                returned.countDown();
            }
        });
        Loopback.writeFully(pair.client(), ByteBuffer.wrap(new byte[] {1}));

        Await.latch(returned);
        assertEquals(List.of(), problems);
        assertTrue(group.awaitTermination(Await.SECONDS, TimeUnit.SECONDS));
    }

    // shutdown from inside a handler: the group is marked shut down, and terminates once the handler has closed the
    // last channel and returned (all actively executing handlers have run to completion).
    @ForEachProvider
    @DisplayName("shutdown and close from inside a handler on a one-thread group terminates the group")
    void shutdownFromInsideAHandler(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        AsynchronousChannelGroup group = resources.add(provider.openAsynchronousChannelGroup(1, new RecordingThreadFactory()));
        Loopback.Pair pair = Loopback.connect(provider, group, resources);
        CountDownLatch returned = new CountDownLatch(1);
        List<Throwable> problems = new CopyOnWriteArrayList<>();
        pair.server().read(ByteBuffer.allocate(1), null, new CompletionHandler<Integer, Void>() {
            @Override
            public void completed(Integer result, Void nothing) {
                try {
                    group.shutdown();
                    if (group.isTerminated()) {
                        problems.add(new AssertionError("terminated while its handler runs"));
                    }
                    pair.client().close();
                    pair.server().close();
                } catch (Throwable t) {
                    problems.add(t);
                } finally {
                    returned.countDown();
                }
            }

            @Override
            public void failed(Throwable exc, Void nothing) {
                problems.add(exc);
                returned.countDown();
            }
        });
        Loopback.writeFully(pair.client(), ByteBuffer.wrap(new byte[] {1}));

        Await.latch(returned);
        assertEquals(List.of(), problems);
        assertTrue(group.awaitTermination(Await.SECONDS, TimeUnit.SECONDS));
    }

    // The requirement on top of the Javadoc's "handlers run on the pool's threads": an exception thrown by a
    // handler escapes to the pool thread's uncaught-exception handler exactly once, and the group keeps dispatching.
    @ForEachProvider
    @DisplayName("a handler that throws is reported once to the uncaught-exception handler and the pool keeps working")
    void throwingHandlerIsReportedOnceAndThePoolKeepsWorking(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        CountDownLatch reportedOnce = new CountDownLatch(1);
        RecordingThreadFactory factory = new RecordingThreadFactory((thread, error) -> {
            reported.add(error);
            reportedOnce.countDown();
        });
        AsynchronousChannelGroup group = resources.add(provider.openAsynchronousChannelGroup(1, factory));
        Loopback.Pair pair = Loopback.connect(provider, group, resources);
        RuntimeException thrown = new IllegalStateException("thrown by a completion handler on purpose");
        pair.server().read(ByteBuffer.allocate(1), null, new CompletionHandler<Integer, Void>() {
            @Override
            public void completed(Integer result, Void nothing) {
                throw thrown;
            }

            @Override
            public void failed(Throwable exc, Void nothing) {
                throw thrown;
            }
        });
        Loopback.writeFully(pair.client(), ByteBuffer.wrap(new byte[] {1}));
        Await.latch(reportedOnce);

        Recorder<Integer, String> next = exchangeOneByte(pair);
        Recorder<Integer, String> another = exchangeOneByte(pair);

        assertTrue(factory.created.contains(next.thread), "the next handler ran on " + next.thread);
        assertTrue(factory.created.contains(another.thread), "a later handler ran on " + another.thread);
        assertEquals(1, reported.size(), "reports: " + reported);
        assertSame(thrown, reported.get(0));
    }

    // accept: if the group is shut down and a connection is accepted, the connection is closed and the accept
    // completes with an IOException whose cause is ShutdownChannelGroupException.
    @ForEachProvider
    @DisplayName("accepting in a shut-down group closes the connection and fails with cause ShutdownChannelGroupException")
    void acceptInAShutDownGroup(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        AsynchronousChannelGroup group = resources.add(provider.openAsynchronousChannelGroup(1, new RecordingThreadFactory()));
        AsynchronousServerSocketChannel listener = Loopback.listen(provider, group, Loopback.ipv4(), resources);
        group.shutdown();
        Future<AsynchronousSocketChannel> accept = listener.accept();

        AsynchronousSocketChannel client = resources.add(provider.openAsynchronousSocketChannel(null));
        Await.result(client.connect(listener.getLocalAddress()));

        IOException failure = Await.failure(accept, IOException.class);
        assertTrue(failure.getCause() instanceof ShutdownChannelGroupException, "cause: " + failure.getCause());
        Future<Integer> read = client.read(ByteBuffer.allocate(1));
        try {
            assertEquals(-1, read.get(Await.SECONDS, TimeUnit.SECONDS), "the refused connection is closed");
        } catch (ExecutionException reset) {
            assertTrue(reset.getCause() instanceof IOException, "the refused connection is closed: " + reset.getCause());
        }
    }

    // AsynchronousChannelProvider.open...Channel(group): IllegalChannelGroupException if the provider that created
    // the group differs from this provider.
    @ForEachProvider
    @DisplayName("a group of another provider is an IllegalChannelGroupException")
    void groupOfAnotherProviderIsRefused(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        AsynchronousChannelGroup foreign = resources.add(new ForeignProvider().openAsynchronousChannelGroup(1, Thread::new));
        assertThrows(IllegalChannelGroupException.class,
                () -> resources.add(provider.openAsynchronousSocketChannel(foreign)));
        assertThrows(IllegalChannelGroupException.class,
                () -> resources.add(provider.openAsynchronousServerSocketChannel(foreign)));
    }

    // The same rule between the two real providers: a JDK group is refused by ours and ours by the JDK's.
    @ForEachProvider
    @DisplayName("a group of the other provider under test is an IllegalChannelGroupException")
    void groupOfTheOtherProviderUnderTestIsRefused(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        ProviderUnderTest other = "JDK".equals(p.name()) ? Providers.lio() : Providers.jdk();
        AsynchronousChannelGroup foreign = resources.add(
                other.provider().openAsynchronousChannelGroup(1, new RecordingThreadFactory()));
        assertThrows(IllegalChannelGroupException.class,
                () -> resources.add(provider.openAsynchronousSocketChannel(foreign)));
        assertThrows(IllegalChannelGroupException.class,
                () -> resources.add(provider.openAsynchronousServerSocketChannel(foreign)));
    }
}
