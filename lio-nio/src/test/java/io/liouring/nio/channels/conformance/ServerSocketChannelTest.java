package io.liouring.nio.channels.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AcceptPendingException;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.NotYetBoundException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;

/** {@link AsynchronousServerSocketChannel}: bind, accept (Future and handler), its exceptions, close. */
@Timeout(120)
class ServerSocketChannelTest {

    private final Resources resources = new Resources();

    @AfterEach
    void closeEverything() throws Exception {
        resources.close();
    }

    private AsynchronousServerSocketChannel open(AsynchronousChannelProvider provider) throws Exception {
        return resources.add(provider.openAsynchronousServerSocketChannel(null));
    }

    // A newly created server channel is open but not yet bound: getLocalAddress returns null.
    @ForEachProvider
    @DisplayName("a new server channel is open and unbound (getLocalAddress is null)")
    void newChannelIsOpenAndUnbound(ProviderUnderTest p) throws Exception {
        AsynchronousServerSocketChannel server = open(p.provider());
        assertTrue(server.isOpen());
        assertNull(server.getLocalAddress());
    }

    // bind(null): bound to an automatically assigned address; getLocalAddress is then an InetSocketAddress.
    @ForEachProvider
    @DisplayName("bind(null) binds to an automatically assigned InetSocketAddress")
    void bindNullAssignsAnAddress(ProviderUnderTest p) throws Exception {
        AsynchronousServerSocketChannel server = open(p.provider());
        assertSame(server, server.bind(null));
        InetSocketAddress local = assertInstanceOf(InetSocketAddress.class, server.getLocalAddress());
        assertNotEquals(0, local.getPort());
    }

    // bind(local, backlog): the channel listens on the given address; the backlog is only a hint (0 or negative:
    // an implementation default), so any value must still give a listening socket.
    @ForEachProvider
    @DisplayName("bind with any backlog listens on the given address")
    void bindWithBacklogListens(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        for (int backlog : new int[] {-1, 0, 1, 100}) {
            AsynchronousServerSocketChannel server = open(provider);
            server.bind(new InetSocketAddress(Loopback.ipv4(), 0), backlog);
            InetSocketAddress local = (InetSocketAddress) server.getLocalAddress();
            assertEquals(Loopback.ipv4(), local.getAddress());
            Future<AsynchronousSocketChannel> accepted = server.accept();
            AsynchronousSocketChannel client = resources.add(provider.openAsynchronousSocketChannel(null));
            Await.result(client.connect(local));
            AsynchronousSocketChannel serverSide = resources.add(Await.result(accepted));
            assertEquals(client.getLocalAddress(), serverSide.getRemoteAddress(), "backlog " + backlog);
        }
    }

    // The most common way to listen on every address, bind(new InetSocketAddress(port)), passes the IPv4 wildcard
    // 0.0.0.0 (InetAddress.anyLocalAddress() unless java.net.preferIPv6Addresses is set). The JDK's channels are
    // dual-stack IPv6 sockets where the machine has IPv6, and bind the IPv4 wildcard as the IPv6 one (::), so such a
    // server is reached over IPv6 as well as IPv4, and reports [::] as its address. Compared with the JDK's channel
    // bound the same way; the IPv6 connection only where this host has IPv6 loopback.
    @ForEachProvider
    @DisplayName("a server bound to the IPv4 wildcard listens on every address, IPv6 too, as the JDK's does")
    void theIpv4WildcardListensOnEveryAddressAsTheJdks(ProviderUnderTest p) throws Exception {
        AsynchronousServerSocketChannel jdkServer = open(Providers.jdk().provider()).bind(new InetSocketAddress(0));
        AsynchronousServerSocketChannel server = open(p.provider()).bind(new InetSocketAddress(0));
        InetSocketAddress local = (InetSocketAddress) server.getLocalAddress();
        assertEquals(((InetSocketAddress) jdkServer.getLocalAddress()).getAddress(), local.getAddress());
        AsynchronousSocketChannel bound = resources.add(p.provider().openAsynchronousSocketChannel(null));
        assertEquals(local.getAddress(), ((InetSocketAddress) bound.bind(new InetSocketAddress(0)).getLocalAddress())
                .getAddress());
        for (java.net.InetAddress address : new java.net.InetAddress[] {Loopback.ipv4(), Loopback.ipv6()}) {
            Future<AsynchronousSocketChannel> accepted = server.accept();
            AsynchronousSocketChannel client = resources.add(p.provider().openAsynchronousSocketChannel(null));
            Await.result(client.connect(new InetSocketAddress(address, local.getPort())));
            AsynchronousSocketChannel serverSide = resources.add(Await.result(accepted));
            assertEquals(client.getLocalAddress(), serverSide.getRemoteAddress(), address.toString());
        }
    }

    // bind: AlreadyBoundException if the socket is already bound.
    @ForEachProvider
    @DisplayName("binding twice is an AlreadyBoundException")
    void bindingTwiceIsRefused(ProviderUnderTest p) throws Exception {
        AsynchronousServerSocketChannel server = open(p.provider()).bind(new InetSocketAddress(Loopback.ipv4(), 0));
        assertThrows(AlreadyBoundException.class, () -> server.bind(new InetSocketAddress(Loopback.ipv4(), 0)));
        assertThrows(AlreadyBoundException.class, () -> server.bind(null, 5));
    }

    // bind: UnsupportedAddressTypeException if the type of the given address is not supported.
    @ForEachProvider
    @DisplayName("binding to an address type the channel does not support is an UnsupportedAddressTypeException")
    void bindingToAForeignAddressTypeIsRefused(ProviderUnderTest p) throws Exception {
        AsynchronousServerSocketChannel server = open(p.provider());
        assertThrows(UnsupportedAddressTypeException.class, () -> server.bind(new ForeignAddress()));
        assertNull(server.getLocalAddress(), "still unbound");
    }

    // bind / getLocalAddress: ClosedChannelException if the channel is closed.
    @ForEachProvider
    @DisplayName("bind and getLocalAddress on a closed server channel are a ClosedChannelException")
    void closedChannelRefusesBindAndLocalAddress(ProviderUnderTest p) throws Exception {
        AsynchronousServerSocketChannel server = open(p.provider());
        server.close();
        assertThrows(ClosedChannelException.class, () -> server.bind(null));
        assertThrows(ClosedChannelException.class, server::getLocalAddress);
    }

    // accept: NotYetBoundException if the channel's socket has not yet been bound (both forms).
    @ForEachProvider
    @DisplayName("accept on an unbound channel is a NotYetBoundException")
    void acceptOnAnUnboundChannelIsRefused(ProviderUnderTest p) throws Exception {
        AsynchronousServerSocketChannel server = open(p.provider());
        assertThrows(NotYetBoundException.class, server::accept);
        assertThrows(NotYetBoundException.class, () -> server.accept(null, new Recorder<>()));
    }

    // At most one accept may be outstanding: a second one is an AcceptPendingException (both forms), and the first
    // still completes normally.
    @ForEachProvider
    @DisplayName("a second accept while one is outstanding is an AcceptPendingException")
    void secondAcceptIsRefused(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        AsynchronousServerSocketChannel server = Loopback.listen(provider, null, Loopback.ipv4(), resources);
        Future<AsynchronousSocketChannel> first = server.accept();

        assertThrows(AcceptPendingException.class, server::accept);
        assertThrows(AcceptPendingException.class, () -> server.accept(null, new Recorder<>()));

        AsynchronousSocketChannel client = resources.add(provider.openAsynchronousSocketChannel(null));
        Await.result(client.connect(server.getLocalAddress()));
        AsynchronousSocketChannel accepted = resources.add(Await.result(first));
        assertEquals(client.getLocalAddress(), accepted.getRemoteAddress());
    }

    // accept(attachment, handler): the handler gets the new connection and the attachment; the accepted channel is
    // bound to the same group as the server channel (its handlers run on that group's threads), is connected, and
    // carries data both ways.
    @ForEachProvider
    @DisplayName("accept with a handler delivers a connected channel in the server's group, with the attachment")
    void acceptWithAHandler(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        RecordingThreadFactory factory = new RecordingThreadFactory();
        AsynchronousChannelGroup group = resources.add(provider.openAsynchronousChannelGroup(1, factory));
        AsynchronousServerSocketChannel server = Loopback.listen(provider, group, Loopback.ipv4(), resources);
        Recorder<AsynchronousSocketChannel, Object> handler = new Recorder<>();
        Object attachment = new Object();
        server.accept(attachment, handler);

        AsynchronousSocketChannel client = resources.add(provider.openAsynchronousSocketChannel(null));
        Await.result(client.connect(server.getLocalAddress()));
        AsynchronousSocketChannel accepted = resources.add(Await.result(handler.outcome));

        assertSame(attachment, handler.attachment);
        assertTrue(factory.created.contains(handler.thread), "accept handler ran on " + handler.thread);
        assertEquals(client.getLocalAddress(), accepted.getRemoteAddress());
        assertEquals(client.getRemoteAddress(), accepted.getLocalAddress());
        Recorder<Integer, Void> read = new Recorder<>();
        ByteBuffer into = ByteBuffer.allocate(3);
        accepted.read(into, null, read);
        Loopback.writeFully(client, ByteBuffer.wrap(new byte[] {7, 8, 9}));
        int n = Await.result(read.outcome);
        assertTrue(n >= 1);
        assertTrue(factory.created.contains(read.thread), "the accepted channel's handler ran on " + read.thread);
    }

    // Closing the channel while an accept is outstanding fails it with AsynchronousCloseException (Future form).
    @ForEachProvider
    @DisplayName("close fails an outstanding accept Future with AsynchronousCloseException")
    void closeFailsAPendingAcceptFuture(ProviderUnderTest p) throws Exception {
        AsynchronousServerSocketChannel server = Loopback.listen(p.provider(), null, Loopback.ipv4(), resources);
        Future<AsynchronousSocketChannel> accept = server.accept();
        server.close();
        Await.failure(accept, AsynchronousCloseException.class);
        assertFalse(server.isOpen());
    }

    // Closing the channel while an accept is outstanding fails it with AsynchronousCloseException (handler form,
    // exactly one invocation with the attachment).
    @ForEachProvider
    @DisplayName("close fails an outstanding accept handler with AsynchronousCloseException, once")
    void closeFailsAPendingAcceptHandler(ProviderUnderTest p) throws Exception {
        AsynchronousServerSocketChannel server = Loopback.listen(p.provider(), null, Loopback.ipv4(), resources);
        Recorder<AsynchronousSocketChannel, String> handler = new Recorder<>();
        server.accept("att", handler);
        server.close();
        Await.failure(handler.outcome, AsynchronousCloseException.class);
        assertEquals("att", handler.attachment);
        server.close();
        assertEquals(1, handler.invocations.get());
    }

    // After close, further attempts to initiate an operation complete immediately with ClosedChannelException.
    @ForEachProvider
    @DisplayName("accept on a closed channel completes with ClosedChannelException")
    void acceptOnAClosedChannel(ProviderUnderTest p) throws Exception {
        AsynchronousServerSocketChannel server = Loopback.listen(p.provider(), null, Loopback.ipv4(), resources);
        server.close();
        Await.failure(server.accept(), ClosedChannelException.class);
        Recorder<AsynchronousSocketChannel, Void> handler = new Recorder<>();
        server.accept(null, handler);
        Await.failure(handler.outcome, ClosedChannelException.class);
    }

    // java.nio.channels: a null argument is a NullPointerException unless noted; the handler is not nullable.
    @ForEachProvider
    @DisplayName("accept with a null handler is a NullPointerException")
    void acceptWithANullHandler(ProviderUnderTest p) throws Exception {
        AsynchronousServerSocketChannel server = Loopback.listen(p.provider(), null, Loopback.ipv4(), resources);
        assertEquals("'handler' is null", assertThrows(NullPointerException.class, () -> server.accept(null, null))
                .getMessage(), "the JDK's message");
    }

    // Accepting in a loop: each accepted connection is a distinct channel to its own client.
    @ForEachProvider
    @DisplayName("successive accepts deliver one distinct channel per connection")
    void successiveAccepts(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        AsynchronousServerSocketChannel server = Loopback.listen(provider, null, Loopback.ipv4(), resources);
        AsynchronousSocketChannel previous = null;
        for (int i = 0; i < 5; i++) {
            Future<AsynchronousSocketChannel> accept = server.accept();
            AsynchronousSocketChannel client = resources.add(provider.openAsynchronousSocketChannel(null));
            Await.result(client.connect(server.getLocalAddress()));
            AsynchronousSocketChannel accepted = resources.add(Await.result(accept));
            assertEquals(client.getLocalAddress(), accepted.getRemoteAddress());
            assertNotSame(previous, accepted);
            previous = accepted;
        }
    }

    // Future.cancel on an outstanding accept: the Future reports cancelled and done, and get throws
    // CancellationException; cancelling it again has no effect (Future.cancel).
    @ForEachProvider
    @DisplayName("cancelling an outstanding accept Future makes it cancelled")
    void cancelAPendingAccept(ProviderUnderTest p) throws Exception {
        AsynchronousServerSocketChannel server = Loopback.listen(p.provider(), null, Loopback.ipv4(), resources);
        Future<AsynchronousSocketChannel> accept = server.accept();
        assertTrue(accept.cancel(false));
        assertTrue(accept.isCancelled());
        assertTrue(accept.isDone());
        assertThrows(CancellationException.class, accept::get);
        accept.cancel(true);
        assertTrue(accept.isCancelled(), "a second cancel has no effect");
        assertTrue(server.isOpen(), "cancel(true) of a cancelled Future has no effect, so it does not close");
        assertThrows(CancellationException.class, accept::get);
    }

    // accept: to allow concurrent handling of connections, the handler is not invoked directly by the initiating
    // thread when a connection is accepted immediately. On a one-thread group, an accept initiated from a handler
    // with a connection already queued must therefore run its handler only after the initiating handler returned.
    @ForEachProvider
    @DisplayName("an accept that completes at once is not handled on the initiating handler's stack")
    void immediateAcceptIsNotHandledDirectly(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        RecordingThreadFactory factory = new RecordingThreadFactory();
        AsynchronousChannelGroup group = resources.add(provider.openAsynchronousChannelGroup(1, factory));
        AsynchronousServerSocketChannel server = Loopback.listen(provider, group, Loopback.ipv4(), resources);
        for (int i = 0; i < 2; i++) {
            AsynchronousSocketChannel client = resources.add(provider.openAsynchronousSocketChannel(null));
            Await.result(client.connect(server.getLocalAddress()));
        }
        AtomicBoolean initiatorReturned = new AtomicBoolean();
        CompletableFuture<Boolean> innerSawInitiatorReturned = new CompletableFuture<>();
        server.accept(null, new CompletionHandler<AsynchronousSocketChannel, Void>() {
            @Override
            public void completed(AsynchronousSocketChannel first, Void nothing) {
                resources.add(first);
                server.accept(null, new CompletionHandler<AsynchronousSocketChannel, Void>() {
                    @Override
                    public void completed(AsynchronousSocketChannel second, Void nothing) {
                        resources.add(second);
                        innerSawInitiatorReturned.complete(initiatorReturned.get());
                    }

                    @Override
                    public void failed(Throwable exc, Void nothing) {
                        innerSawInitiatorReturned.completeExceptionally(exc);
                    }
                });
                initiatorReturned.set(true);
            }

            @Override
            public void failed(Throwable exc, Void nothing) {
                innerSawInitiatorReturned.completeExceptionally(exc);
            }
        });

        assertTrue(Await.result(innerSawInitiatorReturned), "the second accept's handler ran inside the first's");
    }
}
