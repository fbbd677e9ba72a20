package io.liouring.nio.channels;

import io.liouring.nio.internal.DefaultThreadPoolSettings;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.IllegalChannelGroupException;
import java.nio.channels.ShutdownChannelGroupException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.liouring.nio.channels.Loopback.WAIT_SECONDS;
import static io.liouring.nio.channels.Loopback.readFully;
import static io.liouring.nio.channels.Loopback.writeFully;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LioChannelGroupTest {
    private final LioChannelProvider provider = new LioChannelProvider();

    /** Threads named {@code prefix-N}, each reporting uncaught exceptions to {@code uncaught}. */
    private static ThreadFactory named(String prefix, List<Throwable> uncaught) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + "-" + n.incrementAndGet());
            t.setUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
            return t;
        };
    }

    private static void terminate(AsynchronousChannelGroup group) throws Exception {
        group.shutdownNow();
        assertTrue(group.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "group did not terminate");
        assertTrue(group.isTerminated());
    }

    /** Reads one byte with a handler; the future gets the handler's thread name, or fails. */
    private static CompletableFuture<String> readOnHandler(AsynchronousSocketChannel channel, Runnable inHandler) {
        CompletableFuture<String> thread = new CompletableFuture<>();
        channel.read(ByteBuffer.allocate(1), 0, TimeUnit.SECONDS, null, new CompletionHandler<Integer, Void>() {
            @Override
            public void completed(Integer n, Void attachment) {
                thread.complete(Thread.currentThread().getName());
                inHandler.run();
            }

            @Override
            public void failed(Throwable exc, Void attachment) {
                thread.completeExceptionally(exc);
            }
        });
        return thread;
    }

    @Test
    void handlersRunOnTheGroupsThreadsNotOnALoop() throws Exception {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        AsynchronousChannelGroup group = provider.openAsynchronousChannelGroup(2, named("mine", uncaught));
        try (Loopback pair = Loopback.connect(group)) {
            CompletableFuture<String> thread = readOnHandler(pair.client, () -> { });
            writeFully(pair.accepted, ByteBuffer.wrap(new byte[]{1}));
            assertTrue(thread.get(WAIT_SECONDS, TimeUnit.SECONDS).startsWith("mine-"));
        } finally {
            terminate(group);
        }
        assertEquals(List.of(), uncaught);
    }

    @Test
    void aHandlerThatThrowsIsReportedOnceAndThePoolKeepsWorking() throws Exception {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        AsynchronousChannelGroup group = provider.openAsynchronousChannelGroup(1, named("one", uncaught));
        try (Loopback pair = Loopback.connect(group)) {
            RuntimeException boom = new RuntimeException("boom");
            CompletableFuture<String> first = readOnHandler(pair.client, () -> {
                throw boom;
            });
            writeFully(pair.accepted, ByteBuffer.wrap(new byte[]{1}));
            first.get(WAIT_SECONDS, TimeUnit.SECONDS);
            CompletableFuture<String> second = readOnHandler(pair.client, () -> { });
            writeFully(pair.accepted, ByteBuffer.wrap(new byte[]{2}));
            assertTrue(second.get(WAIT_SECONDS, TimeUnit.SECONDS).startsWith("one-"), "the pool still runs handlers");
            assertEquals(List.of(boom), uncaught);
        } finally {
            terminate(group);
        }
    }

    /** A fixed group's threads drive its loops themselves: opening it starts its n threads, all from the factory, and no other. */
    @Test
    void aFixedGroupStartsExactlyItsThreadsAllFromTheFactory() throws Exception {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        AsynchronousChannelGroup group = provider.openAsynchronousChannelGroup(3, named("fixed", uncaught));
        try {
            List<String> started = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive())
                    .map(Thread::getName)
                    .filter(name -> name.startsWith("fixed-") || name.startsWith("lio-"))
                    .sorted()
                    .toList();
            assertEquals(List.of("fixed-1", "fixed-2", "fixed-3"), started);
            try (Loopback pair = Loopback.connect(group)) {
                CompletableFuture<String> thread = readOnHandler(pair.client, () -> { });
                writeFully(pair.accepted, ByteBuffer.wrap(new byte[]{1}));
                assertTrue(thread.get(WAIT_SECONDS, TimeUnit.SECONDS).startsWith("fixed-"));
            }
        } finally {
            terminate(group);
        }
        assertEquals(List.of(), uncaught);
    }

    /**
     * The one deviation of fixed groups: a handler that waits on a pending Future of this provider would wait for
     * its own loop, so get() fails at once with IllegalStateException instead of hanging. A Future already done
     * still answers.
     */
    @Test
    void waitingOnAPendingFutureInAFixedGroupsHandlerFailsAtOnce() throws Exception {
        AsynchronousChannelGroup group = provider.openAsynchronousChannelGroup(1, Executors.defaultThreadFactory());
        try (Loopback pair = Loopback.connect(group)) {
            CompletableFuture<Throwable> refused = new CompletableFuture<>();
            CompletableFuture<Integer> doneFutureAnswer = new CompletableFuture<>();
            readOnHandler(pair.client, () -> {
                java.util.concurrent.Future<Integer> pending = pair.client.read(ByteBuffer.allocate(1));
                try {
                    pending.get(WAIT_SECONDS, TimeUnit.SECONDS);
                    refused.complete(null);
                } catch (Throwable e) {
                    refused.complete(e);
                }
                try {
                    doneFutureAnswer.complete(pair.client.write(ByteBuffer.allocate(0)).get());
                } catch (Throwable e) {
                    doneFutureAnswer.completeExceptionally(e);
                }
            });
            writeFully(pair.accepted, ByteBuffer.wrap(new byte[]{1}));
            Throwable e = refused.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertInstanceOf(IllegalStateException.class, e);
            assertTrue(e.getMessage().contains("would wait for itself"), e.getMessage());
            assertEquals(0, doneFutureAnswer.get(WAIT_SECONDS, TimeUnit.SECONDS));
        } finally {
            terminate(group);
        }
    }

    @Test
    void shutdownRefusesNewChannelsAndTerminatesWhenTheLastIsClosed() throws Exception {
        AsynchronousChannelGroup group = provider.openAsynchronousChannelGroup(1, Executors.defaultThreadFactory());
        Loopback pair = Loopback.connect(group);
        group.shutdown();
        assertTrue(group.isShutdown());
        assertThrows(ShutdownChannelGroupException.class, () -> AsynchronousSocketChannel.open(group));
        assertThrows(ShutdownChannelGroupException.class, () -> AsynchronousServerSocketChannel.open(group));
        // the open channels keep working
        writeFully(pair.client, ByteBuffer.wrap(new byte[]{3}));
        ByteBuffer in = ByteBuffer.allocate(1);
        readFully(pair.accepted, in);
        assertEquals(3, in.get(0));
        assertFalse(group.awaitTermination(100, TimeUnit.MILLISECONDS), "channels are still open");
        assertFalse(group.isTerminated());
        pair.client.close();
        pair.accepted.close();
        assertFalse(group.isTerminated());
        pair.server.close();
        assertTrue(group.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(group.isTerminated());
    }

    @Test
    void shutdownNowClosesChannelsAndDeliversTheirPendingFailuresFirst() throws Exception {
        AsynchronousChannelGroup group = provider.openAsynchronousChannelGroup(1, Executors.defaultThreadFactory());
        // the peer is outside the group, so that only the group's shutdown can end the read
        try (java.nio.channels.ServerSocketChannel peer = java.nio.channels.ServerSocketChannel.open()
                .bind(new java.net.InetSocketAddress("127.0.0.1", 0))) {
            AsynchronousSocketChannel client = AsynchronousSocketChannel.open(group);
            Loopback.await(client.connect(peer.getLocalAddress()));
            try (java.nio.channels.SocketChannel accepted = peer.accept()) {
                CompletableFuture<String> pending = readOnHandler(client, () -> { });
                group.shutdownNow();
                assertTrue(group.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
                assertTrue(pending.isCompletedExceptionally(), "the handler ran before the pool stopped");
                Throwable cause = assertThrows(java.util.concurrent.ExecutionException.class, pending::get).getCause();
                assertInstanceOf(AsynchronousCloseException.class, cause);
                assertFalse(client.isOpen());
                assertTrue(accepted.isOpen());
            }
        }
    }

    /**
     * Both ends of each connection in the group, a read pending on every channel: shutdownNow closes them as if all
     * at once, so no read may complete with the end of stream that its peer's close sends (the peer's descriptor
     * may well be closed first), nor with anything but AsynchronousCloseException.
     */
    @Test
    void shutdownNowFailsEveryPendingReadEvenWhenThePeerIsInTheSameGroup() throws Exception {
        AsynchronousChannelGroup group = provider.openAsynchronousChannelGroup(1, Executors.defaultThreadFactory());
        List<java.util.concurrent.Future<Integer>> reads = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                Loopback pair = Loopback.connect(group);
                reads.add(pair.client.read(ByteBuffer.allocate(16)));
                reads.add(pair.accepted.read(ByteBuffer.allocate(16)));
            }
        } finally {
            group.shutdownNow();
        }
        assertTrue(group.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
        for (java.util.concurrent.Future<Integer> read : reads) {
            java.util.concurrent.ExecutionException failed = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> read.get(WAIT_SECONDS, TimeUnit.SECONDS), "a pending read completed instead of failing");
            assertInstanceOf(AsynchronousCloseException.class, failed.getCause());
        }
    }

    @Test
    void startingAnOperationOnceTheGroupHasTerminatedIsRefused() throws Exception {
        AsynchronousChannelGroup group = provider.openAsynchronousChannelGroup(1, Executors.defaultThreadFactory());
        Loopback pair = Loopback.connect(group);
        terminate(group);
        assertFalse(pair.client.isOpen());
        CompletionHandler<Integer, Void> never = new CompletionHandler<>() {
            @Override
            public void completed(Integer result, Void attachment) {
            }

            @Override
            public void failed(Throwable exc, Void attachment) {
            }
        };
        assertThrows(ShutdownChannelGroupException.class,
                () -> pair.client.read(ByteBuffer.allocate(1), 0, TimeUnit.SECONDS, null, never));
        // a Future needs no thread of the group: it fails as on any closed channel
        Throwable cause = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> pair.client.read(ByteBuffer.allocate(1)).get()).getCause();
        assertInstanceOf(ClosedChannelException.class, cause);
    }

    @Test
    void shutdownFromInsideAHandlerOfAOneThreadGroup() throws Exception {
        AsynchronousChannelGroup group = provider.openAsynchronousChannelGroup(1, Executors.defaultThreadFactory());
        Loopback pair = Loopback.connect(group);
        CompletableFuture<String> handled = readOnHandler(pair.client, () -> {
            group.shutdown();
            try {
                pair.close(); // from the group's only thread
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writeFully(pair.accepted, ByteBuffer.wrap(new byte[]{1}));
        handled.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(group.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void aGroupOverTheCallersExecutorRunsHandlersThereAndShutsItDown() throws Exception {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        ExecutorService executor = Executors.newCachedThreadPool(named("users", uncaught));
        AsynchronousChannelGroup group = provider.openAsynchronousChannelGroup(executor, 0);
        try (Loopback pair = Loopback.connect(group)) {
            CompletableFuture<String> thread = readOnHandler(pair.client, () -> { });
            writeFully(pair.accepted, ByteBuffer.wrap(new byte[]{1}));
            assertTrue(thread.get(WAIT_SECONDS, TimeUnit.SECONDS).startsWith("users-"));
        } finally {
            terminate(group);
        }
        assertTrue(executor.isTerminated());
    }

    @Test
    void resultsKnownAtOnceAreDeliveredDirectlyOnAGroupThreadWithBoundedDepth() throws Exception {
        AsynchronousChannelGroup group = provider.openAsynchronousChannelGroup(1, Executors.defaultThreadFactory());
        try {
            Loopback pair = Loopback.connect(group);
            pair.client.close();
            int rounds = 10_000; // far deeper than a stack allows if every call nested
            CountDownLatch done = new CountDownLatch(1);
            AtomicInteger failures = new AtomicInteger();
            AtomicInteger maxDepth = new AtomicInteger();
            CompletionHandler<Integer, Integer> again = new CompletionHandler<>() {
                @Override
                public void completed(Integer n, Integer round) {
                    throw new AssertionError("a closed channel read " + n);
                }

                @Override
                public void failed(Throwable exc, Integer round) {
                    assertInstanceOf(ClosedChannelException.class, exc);
                    failures.incrementAndGet();
                    maxDepth.accumulateAndGet(Thread.currentThread().getStackTrace().length, Math::max);
                    if (round < rounds) {
                        pair.client.read(ByteBuffer.allocate(1), 0, TimeUnit.SECONDS, round + 1, this);
                    } else {
                        done.countDown();
                    }
                }
            };
            pair.client.read(ByteBuffer.allocate(1), 0, TimeUnit.SECONDS, 1, again);
            assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(rounds, failures.get());
            assertTrue(maxDepth.get() < 2_000, "nesting is bounded: stack depth " + maxDepth.get());
            pair.close();
        } finally {
            terminate(group);
        }
    }

    @Test
    void theDefaultGroupHonoursTheJdksPropertiesAndGrowsForBlockingHandlers() throws Exception {
        System.setProperty(DefaultThreadPoolSettings.THREAD_FACTORY, CountingFactory.class.getName());
        System.setProperty(DefaultThreadPoolSettings.INITIAL_SIZE, "1");
        LioChannelProvider fresh = new LioChannelProvider();
        try {
            LioChannelGroup group = fresh.defaultGroup();
            int blocked = 256;
            CountDownLatch allIn = new CountDownLatch(blocked);
            CountDownLatch release = new CountDownLatch(1);
            List<AsynchronousSocketChannel> channels = new java.util.ArrayList<>();
            try (AsynchronousServerSocketChannel server = fresh.openAsynchronousServerSocketChannel(null)
                    .bind(new java.net.InetSocketAddress("127.0.0.1", 0))) {
                assertSame(fresh, server.provider());
                for (int i = 0; i < blocked; i++) {
                    AsynchronousSocketChannel client = fresh.openAsynchronousSocketChannel(null);
                    var accept = server.accept();
                    Loopback.await(client.connect(server.getLocalAddress()));
                    AsynchronousSocketChannel accepted = Loopback.await(accept);
                    client.read(ByteBuffer.allocate(1), 0, TimeUnit.SECONDS, null, new CompletionHandler<Integer, Void>() {
                        @Override
                        public void completed(Integer n, Void attachment) {
                            allIn.countDown();
                            try {
                                release.await(); // a handler may block: the pool grows instead of stalling
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }

                        @Override
                        public void failed(Throwable exc, Void attachment) {
                        }
                    });
                    writeFully(accepted, ByteBuffer.wrap(new byte[]{1}));
                    channels.add(client);
                    channels.add(accepted);
                }
                assertTrue(allIn.await(WAIT_SECONDS, TimeUnit.SECONDS), "all handlers blocked at once: "
                        + (blocked - allIn.getCount()));
                release.countDown();
                assertTrue(CountingFactory.created.get() >= blocked, "threads came from the property's factory");
            } finally {
                release.countDown();
                for (AsynchronousSocketChannel c : channels) {
                    c.close();
                }
                terminate(group);
            }
        } finally {
            System.clearProperty(DefaultThreadPoolSettings.THREAD_FACTORY);
            System.clearProperty(DefaultThreadPoolSettings.INITIAL_SIZE);
        }
    }

    /** The factory the default-group property names in the test above. */
    public static final class CountingFactory implements ThreadFactory {
        static final AtomicInteger created = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            created.incrementAndGet();
            Thread t = new Thread(task, "counted-" + created.get());
            t.setDaemon(true);
            return t;
        }
    }

    @Test
    void theDefaultGroupsOwnThreadsAreDaemons() throws Exception {
        LioChannelProvider fresh = new LioChannelProvider();
        LioChannelGroup group = fresh.defaultGroup();
        try (AsynchronousServerSocketChannel server = fresh.openAsynchronousServerSocketChannel(null)
                .bind(new java.net.InetSocketAddress("127.0.0.1", 0));
             AsynchronousSocketChannel client = fresh.openAsynchronousSocketChannel(null)) {
            var accept = server.accept();
            Loopback.await(client.connect(server.getLocalAddress()));
            try (AsynchronousSocketChannel accepted = Loopback.await(accept)) {
                CompletableFuture<Boolean> daemon = new CompletableFuture<>();
                readOnHandler(client, () -> daemon.complete(Thread.currentThread().isDaemon()));
                writeFully(accepted, ByteBuffer.wrap(new byte[]{1}));
                assertTrue(daemon.get(WAIT_SECONDS, TimeUnit.SECONDS));
            }
        } finally {
            terminate(group);
        }
    }

    @Test
    void aGroupOfAnotherProviderIsRefused() throws Exception {
        AsynchronousChannelGroup jdkGroup = AsynchronousChannelGroup.withFixedThreadPool(1,
                Executors.defaultThreadFactory());
        try {
            assertThrows(IllegalChannelGroupException.class, () -> provider.openAsynchronousSocketChannel(jdkGroup));
            assertThrows(IllegalChannelGroupException.class,
                    () -> provider.openAsynchronousServerSocketChannel(jdkGroup));
        } finally {
            jdkGroup.shutdownNow();
            assertTrue(jdkGroup.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void aFixedGroupNeedsAtLeastOneThread() {
        assertThrows(IllegalArgumentException.class,
                () -> provider.openAsynchronousChannelGroup(0, Executors.defaultThreadFactory()));
    }
}
