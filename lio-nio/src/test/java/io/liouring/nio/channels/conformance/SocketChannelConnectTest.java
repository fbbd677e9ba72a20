package io.liouring.nio.channels.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;

/** {@link AsynchronousSocketChannel}: open, bind, connect, addresses and the exceptions of an unconnected channel. */
@Timeout(120)
class SocketChannelConnectTest {

    private final Resources resources = new Resources();

    @AfterEach
    void closeEverything() throws Exception {
        resources.close();
    }

    private AsynchronousSocketChannel open(AsynchronousChannelProvider provider) throws IOException {
        return resources.add(provider.openAsynchronousSocketChannel(null));
    }

    // A newly created channel is open but not connected (getRemoteAddress null) and not bound (getLocalAddress null).
    @ForEachProvider
    @DisplayName("a new socket channel is open, unbound and unconnected")
    void newChannelIsOpenUnboundAndUnconnected(ProviderUnderTest p) throws Exception {
        AsynchronousSocketChannel channel = open(p.provider());
        assertTrue(channel.isOpen());
        assertNull(channel.getLocalAddress());
        assertNull(channel.getRemoteAddress());
    }

    // connect(remote): the Future's get returns null on success; the channel is then connected to the remote
    // address (an InetSocketAddress) and bound to a local one.
    @ForEachProvider
    @DisplayName("connect as a Future yields null and leaves the channel connected to the target")
    void connectWithAFuture(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        AsynchronousServerSocketChannel server = Loopback.listen(provider, null, Loopback.ipv4(), resources);
        Future<AsynchronousSocketChannel> accepted = server.accept();
        AsynchronousSocketChannel channel = open(provider);

        assertNull(Await.result(channel.connect(server.getLocalAddress())));

        assertEquals(server.getLocalAddress(), channel.getRemoteAddress());
        InetSocketAddress local = assertInstanceOf(InetSocketAddress.class, channel.getLocalAddress());
        assertEquals(local, resources.add(Await.result(accepted)).getRemoteAddress());
    }

    // connect(remote, attachment, handler): the handler completes with a null result and the attachment.
    @ForEachProvider
    @DisplayName("connect with a handler completes it with a null result and the attachment")
    void connectWithAHandler(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        AsynchronousServerSocketChannel server = Loopback.listen(provider, null, Loopback.ipv4(), resources);
        AsynchronousSocketChannel channel = open(provider);
        Recorder<Void, String> handler = new Recorder<>();

        channel.connect(server.getLocalAddress(), "att", handler);

        assertNull(Await.result(handler.outcome));
        assertEquals("att", handler.attachment);
        assertEquals(1, handler.invocations.get());
        assertEquals(server.getLocalAddress(), channel.getRemoteAddress());
    }

    // IPv6: addresses are InetSocketAddress with an Inet6Address; the connection carries bytes.
    @ForEachProvider
    @DisplayName("connect over IPv6 loopback reports IPv6 addresses on both sides")
    void connectOverIpv6(ProviderUnderTest p) throws Exception {
        InetAddress loopback6 = Loopback.ipv6();
        Loopback.Pair pair = Loopback.connect(p.provider(), null, loopback6, resources);
        InetSocketAddress remote = (InetSocketAddress) pair.client().getRemoteAddress();
        assertInstanceOf(Inet6Address.class, remote.getAddress());
        assertEquals(loopback6, ((InetSocketAddress) pair.client().getLocalAddress()).getAddress());
        assertEquals(pair.client().getLocalAddress(), pair.server().getRemoteAddress());
        Loopback.writeFully(pair.client(), ByteBuffer.wrap(new byte[] {6, 6}));
        assertEquals(ByteBuffer.wrap(new byte[] {6, 6}), Loopback.readFully(pair.server(), 2));
    }

    // bind(local) before connect: the connection is made from the bound address.
    @ForEachProvider
    @DisplayName("a channel bound before connect connects from its bound address")
    void bindThenConnect(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        AsynchronousServerSocketChannel server = Loopback.listen(provider, null, Loopback.ipv4(), resources);
        Future<AsynchronousSocketChannel> accepted = server.accept();
        AsynchronousSocketChannel channel = open(provider);
        assertSame(channel, channel.bind(new InetSocketAddress(Loopback.ipv4(), 0)));
        InetSocketAddress bound = (InetSocketAddress) channel.getLocalAddress();
        assertTrue(bound.getPort() != 0);

        Await.result(channel.connect(server.getLocalAddress()));

        assertEquals(bound, channel.getLocalAddress());
        assertEquals(bound, resources.add(Await.result(accepted)).getRemoteAddress());
    }

    // bind: AlreadyBoundException if already bound; UnsupportedAddressTypeException for an unsupported address type.
    @ForEachProvider
    @DisplayName("binding twice is an AlreadyBoundException; a foreign address type is an UnsupportedAddressTypeException")
    void bindErrors(ProviderUnderTest p) throws Exception {
        AsynchronousSocketChannel channel = open(p.provider());
        assertThrows(UnsupportedAddressTypeException.class, () -> channel.bind(new ForeignAddress()));
        channel.bind(null);
        assertNotNull(channel.getLocalAddress(), "bind(null) assigns an address");
        assertThrows(AlreadyBoundException.class, () -> channel.bind(null));
    }

    // bind looks at the channel before the address, as the JDK's channel does: a closed channel is a
    // ClosedChannelException, one with a connect outstanding a ConnectionPendingException and a bound one an
    // AlreadyBoundException, whatever the address (unresolved, of a foreign type) it is given.
    @ForEachProvider
    @DisplayName("bind reports the channel's state before a bad address, as the JDK's")
    void bindReportsTheChannelsStateBeforeABadAddress(ProviderUnderTest p) throws Exception {
        InetSocketAddress unresolved = InetSocketAddress.createUnresolved("unresolved.invalid", 80);
        AsynchronousSocketChannel bound = open(p.provider()).bind(null);
        assertThrows(AlreadyBoundException.class, () -> bound.bind(unresolved));
        assertThrows(AlreadyBoundException.class, () -> bound.bind(new ForeignAddress()));
        AsynchronousSocketChannel connecting = PendingConnect.open(p.provider(), resources).channel();
        assertThrows(ConnectionPendingException.class, () -> connecting.bind(unresolved));
        assertThrows(ConnectionPendingException.class, () -> connecting.bind(new ForeignAddress()));
        AsynchronousSocketChannel closed = open(p.provider());
        closed.close();
        assertThrows(ClosedChannelException.class, () -> closed.bind(unresolved));
        assertThrows(ClosedChannelException.class, () -> closed.bind(new ForeignAddress()));
    }

    // Asynchronous channels are not InterruptibleChannels: the JDK's open, bind and connect are not cut short by the
    // caller's interrupt status, which they leave set. A thread interrupted before (a pool thread reused after an
    // interrupted task, say) opens and binds server and socket channels and connects, every time.
    @ForEachProvider
    @DisplayName("an interrupted thread opens, binds and connects channels, and stays interrupted")
    void anInterruptedThreadOpensBindsAndConnects(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        try {
            for (int round = 0; round < 20; round++) {
                Thread.currentThread().interrupt();
                AsynchronousServerSocketChannel server = resources.add(provider.openAsynchronousServerSocketChannel(null));
                server.bind(new InetSocketAddress(Loopback.ipv4(), 0));
                AsynchronousSocketChannel channel = resources.add(provider.openAsynchronousSocketChannel(null));
                channel.bind(new InetSocketAddress(Loopback.ipv4(), 0));
                Future<Void> connect = channel.connect(server.getLocalAddress());
                assertTrue(Thread.interrupted(), "the interrupt status is kept");
                Await.result(connect);
                assertNotNull(channel.getRemoteAddress(), "round " + round);
                server.close();
                channel.close();
            }
        } finally {
            Thread.interrupted();
        }
    }

    // connect: AlreadyConnectedException if already connected, for a connected and for an accepted channel.
    @ForEachProvider
    @DisplayName("connect on a connected channel is an AlreadyConnectedException")
    void connectWhenConnected(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = Loopback.connect(p.provider(), null, resources);
        InetSocketAddress somewhere = (InetSocketAddress) pair.client().getRemoteAddress();
        assertThrows(AlreadyConnectedException.class, () -> pair.client().connect(somewhere));
        assertThrows(AlreadyConnectedException.class, () -> pair.client().connect(somewhere, null, new Recorder<>()));
        assertThrows(AlreadyConnectedException.class, () -> pair.server().connect(somewhere));
    }

    // connect: UnresolvedAddressException if the remote address is not fully resolved.
    @ForEachProvider
    @DisplayName("connect to an unresolved address is an UnresolvedAddressException")
    void connectToAnUnresolvedAddress(ProviderUnderTest p) throws Exception {
        AsynchronousSocketChannel channel = open(p.provider());
        InetSocketAddress unresolved = InetSocketAddress.createUnresolved("unresolved.invalid", 80);
        assertThrows(UnresolvedAddressException.class, () -> channel.connect(unresolved));
        assertThrows(UnresolvedAddressException.class, () -> channel.connect(unresolved, null, new Recorder<>()));
    }

    // connect: UnsupportedAddressTypeException if the type of the remote address is not supported.
    @ForEachProvider
    @DisplayName("connect to a foreign address type is an UnsupportedAddressTypeException")
    void connectToAForeignAddressType(ProviderUnderTest p) throws Exception {
        AsynchronousSocketChannel channel = open(p.provider());
        assertThrows(UnsupportedAddressTypeException.class, () -> channel.connect(new ForeignAddress()));
        assertThrows(UnsupportedAddressTypeException.class,
                () -> channel.connect(new ForeignAddress(), null, new Recorder<>()));
    }

    // connect: if the connection cannot be established, the operation fails and the channel is closed.
    @ForEachProvider
    @DisplayName("a refused connect fails with an IOException and closes the channel")
    void refusedConnectClosesTheChannel(ProviderUnderTest p) throws Exception {
        InetSocketAddress nobodyListens;
        try (ServerSocket probe = new ServerSocket(0, 1, Loopback.ipv4())) {
            nobodyListens = (InetSocketAddress) probe.getLocalSocketAddress();
        }
        AsynchronousSocketChannel channel = open(p.provider());
        Await.failure(channel.connect(nobodyListens), IOException.class);
        assertFalse(channel.isOpen());

        AsynchronousSocketChannel another = open(p.provider());
        Recorder<Void, Void> handler = new Recorder<>();
        another.connect(nobodyListens, null, handler);
        Await.failure(handler.outcome, IOException.class);
        assertFalse(another.isOpen());
    }

    // Where the Javadoc names no exception, the JDK's: a refused connect is a ConnectException and a bind to an
    // address in use a BindException, with strerror's text alone as the message, which applications print and match;
    // a read of a connection the peer reset is an IOException "Connection reset".
    @ForEachProvider
    @DisplayName("refused connect, address in use and reset connection fail with the JDK's exceptions and messages")
    void socketErrorsCarryTheJdksMessages(ProviderUnderTest p) throws Exception {
        InetSocketAddress nobodyListens;
        try (ServerSocket probe = new ServerSocket(0, 1, Loopback.ipv4())) {
            nobodyListens = (InetSocketAddress) probe.getLocalSocketAddress();
        }
        var refused = Await.failure(open(p.provider()).connect(nobodyListens), java.net.ConnectException.class);
        assertEquals("Connection refused", refused.getMessage());

        AsynchronousSocketChannel first = open(p.provider());
        first.bind(new InetSocketAddress(Loopback.ipv4(), 0));
        var inUse = assertThrows(java.net.BindException.class, () -> open(p.provider()).bind(first.getLocalAddress()));
        assertEquals("Address already in use", inUse.getMessage());

        try (ServerSocket listener = new ServerSocket(0, 1, Loopback.ipv4())) {
            AsynchronousSocketChannel channel = open(p.provider());
            channel.connect(listener.getLocalSocketAddress()).get(10, TimeUnit.SECONDS);
            try (java.net.Socket peer = listener.accept()) {
                peer.setSoLinger(true, 0); // its close resets the connection
            }
            var reset = Await.failure(channel.read(ByteBuffer.allocate(8)), IOException.class);
            assertEquals(IOException.class, reset.getClass());
            assertEquals("Connection reset", reset.getMessage());
        }
    }

    // connect(null): the package's NullPointerException, without a message as the JDK's.
    @ForEachProvider
    @DisplayName("connect(null) is a NullPointerException without a message")
    void connectToNullIsANullPointerException(ProviderUnderTest p) throws Exception {
        AsynchronousSocketChannel channel = open(p.provider());
        assertNull(assertThrows(NullPointerException.class, () -> channel.connect(null)).getMessage());
    }

    // toString is not specified; applications log it, so it reads as the JDK's: the class, then the state and the
    // addresses in brackets.
    @ForEachProvider
    @DisplayName("toString of socket and server channels reads as the JDK's")
    void toStringReadsAsTheJdks(ProviderUnderTest p) throws Exception {
        AsynchronousServerSocketChannel server = resources.add(p.provider().openAsynchronousServerSocketChannel(null));
        assertEquals("[unbound]", state(server));
        server.bind(new InetSocketAddress(Loopback.ipv4(), 0));
        assertEquals("[" + server.getLocalAddress() + "]", state(server));
        AsynchronousSocketChannel client = open(p.provider());
        assertEquals("[unconnected]", state(client));
        Future<AsynchronousSocketChannel> accepted = server.accept();
        client.connect(server.getLocalAddress()).get(10, TimeUnit.SECONDS);
        AsynchronousSocketChannel peer = resources.add(accepted.get(10, TimeUnit.SECONDS));
        assertEquals("[connected local=" + client.getLocalAddress() + " remote=" + client.getRemoteAddress() + "]",
                state(client));
        peer.shutdownInput();
        peer.shutdownOutput();
        assertEquals("[connected ishut oshut local=" + peer.getLocalAddress() + " remote=" + peer.getRemoteAddress()
                + "]", state(peer));
        client.close();
        server.close();
        assertEquals("[closed]", state(client));
        assertEquals("[closed]", state(server));
    }

    /** What a channel's toString says after its class name. */
    private static String state(Object channel) {
        String text = channel.toString();
        return text.substring(text.indexOf('['));
    }

    // connect: ConnectionPendingException if a connect is already in progress; while it is, the channel is not yet
    // connected (getRemoteAddress null, I/O a NotYetConnectedException).
    @ForEachProvider
    @DisplayName("while a connect is outstanding, another connect is a ConnectionPendingException and I/O is NotYetConnected")
    void connectWhileConnecting(ProviderUnderTest p) throws Exception {
        PendingConnect pending = PendingConnect.open(p.provider(), resources);
        AsynchronousSocketChannel channel = pending.channel();

        assertThrows(ConnectionPendingException.class, () -> channel.connect(pending.target()));
        assertThrows(ConnectionPendingException.class, () -> channel.connect(pending.target(), null, new Recorder<>()));
        assertNull(channel.getRemoteAddress());
        assertThrows(NotYetConnectedException.class, () -> channel.read(ByteBuffer.allocate(1)));
        assertThrows(NotYetConnectedException.class, () -> channel.write(ByteBuffer.allocate(1)));
        assertFalse(pending.future().isDone());
    }

    // AsynchronousChannel.close: an outstanding connect fails with AsynchronousCloseException.
    @ForEachProvider
    @DisplayName("close fails an outstanding connect with AsynchronousCloseException")
    void closeFailsAPendingConnect(ProviderUnderTest p) throws Exception {
        PendingConnect pending = PendingConnect.open(p.provider(), resources);
        pending.channel().close();
        Await.failure(pending.future(), AsynchronousCloseException.class);
        assertFalse(pending.channel().isOpen());
    }

    // An I/O operation on an unconnected channel is a NotYetConnectedException: every read and write form,
    // shutdownInput and shutdownOutput.
    @ForEachProvider
    @DisplayName("I/O and shutdown on an unconnected channel are NotYetConnectedException")
    void ioOnAnUnconnectedChannel(ProviderUnderTest p) throws Exception {
        AsynchronousSocketChannel channel = open(p.provider());
        ByteBuffer buffer = ByteBuffer.allocate(8);
        ByteBuffer[] buffers = {ByteBuffer.allocate(4), ByteBuffer.allocate(4)};
        assertThrows(NotYetConnectedException.class, () -> channel.read(buffer));
        assertThrows(NotYetConnectedException.class, () -> channel.read(buffer, null, new Recorder<>()));
        assertThrows(NotYetConnectedException.class,
                () -> channel.read(buffer, 1, TimeUnit.SECONDS, null, new Recorder<>()));
        assertThrows(NotYetConnectedException.class,
                () -> channel.read(buffers, 0, 2, 1, TimeUnit.SECONDS, null, new Recorder<>()));
        assertThrows(NotYetConnectedException.class, () -> channel.write(buffer));
        assertThrows(NotYetConnectedException.class, () -> channel.write(buffer, null, new Recorder<>()));
        assertThrows(NotYetConnectedException.class,
                () -> channel.write(buffer, 1, TimeUnit.SECONDS, null, new Recorder<>()));
        assertThrows(NotYetConnectedException.class,
                () -> channel.write(buffers, 0, 2, 1, TimeUnit.SECONDS, null, new Recorder<>()));
        assertThrows(NotYetConnectedException.class, channel::shutdownInput);
        assertThrows(NotYetConnectedException.class, channel::shutdownOutput);
        assertTrue(channel.isOpen(), "the refusals leave the channel open");
    }

    // java.nio.channels: null arguments are NullPointerExceptions unless noted; a connect handler is not nullable.
    @ForEachProvider
    @DisplayName("connect with a null handler is a NullPointerException")
    void connectWithANullHandler(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        AsynchronousServerSocketChannel server = Loopback.listen(provider, null, Loopback.ipv4(), resources);
        AsynchronousSocketChannel channel = open(provider);
        assertEquals("'handler' is null", assertThrows(NullPointerException.class,
                () -> channel.connect(server.getLocalAddress(), null, null)).getMessage(), "the JDK's message");
    }
}
