package io.liouring.nio.channels;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AcceptPendingException;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.NotYetBoundException;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnsupportedAddressTypeException;
import java.nio.channels.AsynchronousChannelGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.liouring.nio.channels.Loopback.await;
import static io.liouring.nio.channels.Loopback.readFully;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LioServerSocketChannelTest extends GroupFixture {

    @Test
    void bindToNullPicksAnEphemeralPortThatAcceptsConnections() throws Exception {
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(group)) {
            assertInstanceOf(LioServerSocketChannel.class, server);
            assertNull(server.getLocalAddress());
            server.bind(null);
            InetSocketAddress bound = (InetSocketAddress) server.getLocalAddress();
            assertTrue(bound.getPort() > 0);
            assertTrue(bound.getAddress().isAnyLocalAddress());
            Future<AsynchronousSocketChannel> accept = server.accept();
            // a JDK blocking client proves the listener is real, independent of our client side
            try (SocketChannel jdkClient = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    bound.getPort()));
                 AsynchronousSocketChannel accepted = await(accept)) {
                jdkClient.write(ByteBuffer.wrap(new byte[]{1, 2, 3}));
                ByteBuffer in = ByteBuffer.allocate(3);
                readFully(accepted, in);
                assertArrayEquals(new byte[]{1, 2, 3}, in.array());
                assertEquals(jdkClient.getLocalAddress(), accepted.getRemoteAddress());
            }
        }
    }

    @Test
    void bindTwiceIsRefused() throws Exception {
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(group).bind(null)) {
            assertThrows(AlreadyBoundException.class, () -> server.bind(null));
        }
    }

    @Test
    void bindingAnAddressInUseIsABindException() throws Exception {
        try (AsynchronousServerSocketChannel first = AsynchronousServerSocketChannel.open(group)
                .bind(new InetSocketAddress("127.0.0.1", 0));
             AsynchronousServerSocketChannel second = AsynchronousServerSocketChannel.open(group)) {
            assertThrows(java.net.BindException.class, () -> second.bind(first.getLocalAddress()));
        }
    }

    @Test
    void acceptBeforeBindIsRefused() throws Exception {
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(group)) {
            assertThrows(NotYetBoundException.class, server::accept);
        }
    }

    @Test
    void aSecondAcceptWhileOneIsPendingIsRefused() throws Exception {
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(group).bind(null)) {
            Future<AsynchronousSocketChannel> first = server.accept();
            assertThrows(AcceptPendingException.class, server::accept);
            assertThrows(AcceptPendingException.class, () -> server.accept(null, new CompletionHandler<>() {
                @Override
                public void completed(AsynchronousSocketChannel result, Object attachment) {
                }

                @Override
                public void failed(Throwable exc, Object attachment) {
                }
            }));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            try (SocketChannel c = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                 AsynchronousSocketChannel a = await(first)) {
                assertEquals(c.getLocalAddress(), a.getRemoteAddress(), "the first accept got the connection");
            }
        }
    }

    @Test
    void acceptWithAHandlerDeliversConnectionsOneAfterAnother() throws Exception {
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(group)
                .bind(new InetSocketAddress("127.0.0.1", 0))) {
            int connections = 5;
            java.util.concurrent.BlockingQueue<Object> accepted = new java.util.concurrent.LinkedBlockingQueue<>();
            server.accept(null, new CompletionHandler<AsynchronousSocketChannel, Void>() {
                int count;

                @Override
                public void completed(AsynchronousSocketChannel channel, Void attachment) {
                    accepted.add(channel);
                    if (++count < connections) {
                        server.accept(null, this); // the usual server loop: accept again from the handler
                    }
                }

                @Override
                public void failed(Throwable exc, Void attachment) {
                    accepted.add(exc);
                }
            });
            for (int i = 0; i < connections; i++) {
                try (SocketChannel c = SocketChannel.open(server.getLocalAddress())) {
                    c.write(ByteBuffer.wrap(new byte[]{(byte) i}));
                    Object got = accepted.poll(Loopback.WAIT_SECONDS, TimeUnit.SECONDS);
                    AsynchronousSocketChannel a = assertInstanceOf(AsynchronousSocketChannel.class, got);
                    ByteBuffer one = ByteBuffer.allocate(1);
                    readFully(a, one);
                    assertEquals(i, one.get(0));
                    a.close();
                }
            }
        }
    }

    @Test
    void aPendingAcceptFailsWithAsynchronousCloseExceptionAtClose() throws Exception {
        AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(group).bind(null);
        Future<AsynchronousSocketChannel> pending = server.accept();
        server.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(pending));
        assertInstanceOf(AsynchronousCloseException.class, e.getCause());
        ExecutionException after = assertThrows(ExecutionException.class, () -> await(server.accept()));
        assertInstanceOf(ClosedChannelException.class, after.getCause());
        assertThrows(ClosedChannelException.class, server::getLocalAddress);
    }

    @Test
    void theClosedListenersPortCanBeBoundAgain() throws Exception {
        InetSocketAddress address;
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(group)
                .bind(new InetSocketAddress("127.0.0.1", 0))) {
            address = (InetSocketAddress) server.getLocalAddress();
            server.accept(); // pending at close
        }
        try (AsynchronousServerSocketChannel again = AsynchronousServerSocketChannel.open(group).bind(address)) {
            assertEquals(address, again.getLocalAddress());
        }
    }

    @Test
    void cancellingAnAcceptRefusesLaterAccepts() throws Exception {
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(group).bind(null)) {
            Future<AsynchronousSocketChannel> pending = server.accept();
            assertTrue(pending.cancel(false));
            assertThrows(CancellationException.class, pending::get);
            assertThrows(IllegalStateException.class, server::accept);
            assertTrue(server.isOpen());
        }
    }

    @Test
    void nonInetAddressesAreRefused() throws Exception {
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(group)) {
            assertThrows(UnsupportedAddressTypeException.class, () -> server.bind(new java.net.SocketAddress() {
            }));
        }
    }

    @Test
    void optionsAreSetInTheKernel() throws Exception {
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(group)) {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            assertTrue(server.getOption(StandardSocketOptions.SO_REUSEADDR));
            server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            assertTrue(server.getOption(StandardSocketOptions.SO_REUSEPORT));
            server.setOption(StandardSocketOptions.SO_RCVBUF, 32768);
            assertTrue(server.getOption(StandardSocketOptions.SO_RCVBUF) >= 32768);
            assertThrows(UnsupportedOperationException.class,
                    () -> server.getOption(StandardSocketOptions.TCP_NODELAY));
            assertEquals(java.util.Set.of(StandardSocketOptions.SO_RCVBUF, StandardSocketOptions.SO_REUSEADDR,
                    StandardSocketOptions.SO_REUSEPORT, jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE,
                    jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL, jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT,
                    jdk.net.ExtendedSocketOptions.TCP_QUICKACK, jdk.net.ExtendedSocketOptions.SO_INCOMING_NAPI_ID),
                    server.supportedOptions());
        }
    }

    @Test
    void reusePortLetsTwoListenersShareAPort() throws Exception {
        try (AsynchronousServerSocketChannel a = AsynchronousServerSocketChannel.open(group);
             AsynchronousServerSocketChannel b = AsynchronousServerSocketChannel.open(group)) {
            a.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            b.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            a.bind(new InetSocketAddress("127.0.0.1", 0));
            b.bind(a.getLocalAddress());
            assertEquals(a.getLocalAddress(), b.getLocalAddress());
        }
    }

    @Test
    void anAcceptedChannelIsClosedWithTheGroup() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            group.shutdownNow();
            assertTrue(group.awaitTermination(Loopback.WAIT_SECONDS, TimeUnit.SECONDS));
            assertFalse(pair.accepted.isOpen());
            assertFalse(pair.server.isOpen());
            assertFalse(pair.client.isOpen());
        }
    }

    @Test
    void handlerAcceptCompletesOnAGroupThread() throws Exception {
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(group).bind(null)) {
            CompletableFuture<String> thread = new CompletableFuture<>();
            server.accept(null, new CompletionHandler<AsynchronousSocketChannel, Void>() {
                @Override
                public void completed(AsynchronousSocketChannel result, Void attachment) {
                    thread.complete(Thread.currentThread().getName());
                }

                @Override
                public void failed(Throwable exc, Void attachment) {
                    thread.completeExceptionally(exc);
                }
            });
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            try (SocketChannel c = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                assertTrue(c.isConnected());
                String name = thread.get(Loopback.WAIT_SECONDS, TimeUnit.SECONDS);
                assertFalse(name.contains("loop"), "handler ran on " + name);
                assertTrue(name.startsWith("pool-"), "handler ran on " + name + ", not the group's factory thread");
            }
        }
    }

    /**
     * The Javadoc: an accept's handler is not invoked directly by the initiating thread, even when a connection is
     * already queued. On a one-thread group, accepts started from inside a handler with connections waiting must
     * each run their handler only after the initiating handler has returned.
     */
    @Test
    void anAcceptStartedInAHandlerWithAConnectionWaitingRunsItsHandlerLater() throws Exception {
        AsynchronousChannelGroup single = provider.openAsynchronousChannelGroup(1, Executors.defaultThreadFactory());
        int connections = 8;
        List<AsynchronousSocketChannel> clients = new ArrayList<>();
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(single)
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            for (int i = 0; i < connections; i++) {
                AsynchronousSocketChannel client = AsynchronousSocketChannel.open(group);
                clients.add(client);
                await(client.connect(server.getLocalAddress()));
            }
            AtomicInteger depth = new AtomicInteger();
            AtomicInteger deepest = new AtomicInteger();
            CompletableFuture<Integer> done = new CompletableFuture<>();
            server.accept(connections, new CompletionHandler<AsynchronousSocketChannel, Integer>() {
                @Override
                public void completed(AsynchronousSocketChannel accepted, Integer left) {
                    deepest.accumulateAndGet(depth.incrementAndGet(), Math::max);
                    try {
                        accepted.close();
                        if (left > 1) {
                            server.accept(left - 1, this);
                        } else {
                            done.complete(deepest.get());
                        }
                    } catch (Exception e) {
                        done.completeExceptionally(e);
                    } finally {
                        depth.decrementAndGet();
                    }
                }

                @Override
                public void failed(Throwable exc, Integer left) {
                    done.completeExceptionally(exc);
                }
            });
            assertEquals(1, done.get(Loopback.WAIT_SECONDS, TimeUnit.SECONDS),
                    "an accept's handler ran inside the handler that started the accept");
        } finally {
            for (AsynchronousSocketChannel client : clients) {
                client.close();
            }
            single.shutdownNow();
            assertTrue(single.awaitTermination(Loopback.WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }
}
