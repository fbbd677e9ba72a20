package io.liouring.nio.channels.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.SocketException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;

/** {@link NetworkChannel} options on socket and server-socket channels. */
@Timeout(120)
class SocketOptionsTest {

    private static final List<SocketOption<Boolean>> SOCKET_FLAGS = List.of(
            StandardSocketOptions.SO_KEEPALIVE, StandardSocketOptions.SO_REUSEADDR, StandardSocketOptions.TCP_NODELAY);

    private final Resources resources = new Resources();

    @AfterEach
    void closeEverything() throws Exception {
        resources.close();
    }

    // AsynchronousSocketChannel supports SO_SNDBUF, SO_RCVBUF, SO_KEEPALIVE, SO_REUSEADDR and TCP_NODELAY (more may
    // be supported); AsynchronousServerSocketChannel supports SO_RCVBUF and SO_REUSEADDR.
    @ForEachProvider
    @DisplayName("supportedOptions contains every option the Javadoc lists")
    void supportedOptionsContainTheDocumentedOnes(ProviderUnderTest p) throws Exception {
        AsynchronousSocketChannel socket = resources.add(p.provider().openAsynchronousSocketChannel(null));
        assertTrue(socket.supportedOptions().containsAll(Set.of(StandardSocketOptions.SO_SNDBUF,
                StandardSocketOptions.SO_RCVBUF, StandardSocketOptions.SO_KEEPALIVE,
                StandardSocketOptions.SO_REUSEADDR, StandardSocketOptions.TCP_NODELAY)), socket.supportedOptions()::toString);
        AsynchronousServerSocketChannel server = resources.add(p.provider().openAsynchronousServerSocketChannel(null));
        assertTrue(server.supportedOptions().containsAll(Set.of(StandardSocketOptions.SO_RCVBUF,
                StandardSocketOptions.SO_REUSEADDR)), server.supportedOptions()::toString);
    }

    // The options are the JDK's choice where the Javadoc leaves it open ("more may be supported"): a channel of this
    // provider lists the same ones as the JDK's channel on this machine (jdk.net's, SO_INCOMING_NAPI_ID included).
    @ForEachProvider
    @DisplayName("supportedOptions are the same as the JDK's channels' on this machine")
    void supportedOptionsAreTheJdksOnThisMachine(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider jdk = Providers.jdk().provider();
        assertEquals(names(resources.add(jdk.openAsynchronousSocketChannel(null))),
                names(resources.add(p.provider().openAsynchronousSocketChannel(null))));
        assertEquals(names(resources.add(jdk.openAsynchronousServerSocketChannel(null))),
                names(resources.add(p.provider().openAsynchronousServerSocketChannel(null))));
    }

    private static Set<String> names(NetworkChannel channel) {
        return channel.supportedOptions().stream().map(SocketOption::name).collect(Collectors.toSet());
    }

    // jdk.net.ExtendedSocketOptions.SO_INCOMING_NAPI_ID, where supported: a non-negative Integer (0 when there is no
    // receive queue to identify, as on loopback); read-only, "an attempt to set the socket option will throw
    // SocketException".
    @ForEachProvider
    @DisplayName("SO_INCOMING_NAPI_ID reads as a non-negative number and refuses to be set")
    void incomingNapiIdIsReadOnly(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = Loopback.connect(p.provider(), null, resources);
        AsynchronousServerSocketChannel server = Loopback.listen(p.provider(), null, Loopback.ipv4(), resources);
        int checked = 0;
        for (NetworkChannel channel : List.of(pair.client(), pair.server(), server)) {
            for (SocketOption<?> supported : channel.supportedOptions()) {
                if (supported.name().equals("SO_INCOMING_NAPI_ID") && supported.type() == Integer.class) {
                    @SuppressWarnings("unchecked")
                    SocketOption<Integer> option = (SocketOption<Integer>) supported;
                    assertTrue(channel.getOption(option) >= 0, () -> channel + ": " + option);
                    assertThrows(SocketException.class, () -> channel.setOption(option, 1));
                    checked++;
                }
            }
        }
        assumeTrue(checked > 0, "no channel supports SO_INCOMING_NAPI_ID here");
    }

    // setOption/getOption: a boolean option reads back what was set, before and after connecting; setOption returns
    // the channel, for chaining.
    @ForEachProvider
    @DisplayName("boolean socket options read back what was set, and setOption returns the channel")
    void booleanOptionsRoundTrip(ProviderUnderTest p) throws Exception {
        AsynchronousSocketChannel unconnected = resources.add(p.provider().openAsynchronousSocketChannel(null));
        Loopback.Pair pair = Loopback.connect(p.provider(), null, resources);
        for (AsynchronousSocketChannel channel : List.of(unconnected, pair.client(), pair.server())) {
            for (SocketOption<Boolean> option : SOCKET_FLAGS) {
                for (boolean value : new boolean[] {true, false, true}) {
                    assertSame(channel, channel.setOption(option, value));
                    assertEquals(value, channel.getOption(option), option.name());
                }
            }
        }
    }

    // Buffer sizes are hints the system may round, but a larger request never yields a smaller buffer.
    @ForEachProvider
    @DisplayName("SO_SNDBUF and SO_RCVBUF read back positive sizes that grow with the request")
    void bufferSizesFollowTheRequest(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = Loopback.connect(p.provider(), null, resources);
        AsynchronousServerSocketChannel server = resources.add(p.provider().openAsynchronousServerSocketChannel(null));
        List<NetworkChannel> channels = List.of(pair.client(), server);
        for (NetworkChannel channel : channels) {
            List<SocketOption<Integer>> sizes = channel == server
                    ? List.of(StandardSocketOptions.SO_RCVBUF)
                    : List.of(StandardSocketOptions.SO_SNDBUF, StandardSocketOptions.SO_RCVBUF);
            for (SocketOption<Integer> option : sizes) {
                channel.setOption(option, 8 * 1024);
                int small = channel.getOption(option);
                channel.setOption(option, 128 * 1024);
                int large = channel.getOption(option);
                assertTrue(small > 0 && small < large, option.name() + ": " + small + " then " + large);
            }
        }
    }

    // SO_SNDBUF/SO_RCVBUF are the buffer sizes the application asked for: Linux doubles a requested size to leave
    // room for its bookkeeping and getsockopt(2) answers the doubled value (socket(7)), which the JDK's channels halve
    // again, so that a size within the system's limits reads back as set. Applications size their reads and writes
    // from these values. Both providers are compared, option by option, on every kind of channel.
    @ForEachProvider
    @DisplayName("SO_SNDBUF and SO_RCVBUF read back the size set, and the defaults equal the JDK's channels'")
    void bufferSizesReadBackAsSetAndDefaultAsTheJdks(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider jdk = Providers.jdk().provider();
        AsynchronousSocketChannel jdkSocket = resources.add(jdk.openAsynchronousSocketChannel(null));
        AsynchronousServerSocketChannel jdkServer = resources.add(jdk.openAsynchronousServerSocketChannel(null));
        AsynchronousSocketChannel socket = resources.add(p.provider().openAsynchronousSocketChannel(null));
        AsynchronousServerSocketChannel server = resources.add(p.provider().openAsynchronousServerSocketChannel(null));
        Loopback.Pair pair = Loopback.connect(p.provider(), null, resources);
        assertEquals(jdkSocket.getOption(StandardSocketOptions.SO_SNDBUF), socket.getOption(StandardSocketOptions.SO_SNDBUF));
        assertEquals(jdkSocket.getOption(StandardSocketOptions.SO_RCVBUF), socket.getOption(StandardSocketOptions.SO_RCVBUF));
        assertEquals(jdkServer.getOption(StandardSocketOptions.SO_RCVBUF), server.getOption(StandardSocketOptions.SO_RCVBUF));
        for (NetworkChannel channel : List.<NetworkChannel>of(socket, server, pair.client(), pair.server())) {
            List<SocketOption<Integer>> sizes = channel == server
                    ? List.of(StandardSocketOptions.SO_RCVBUF)
                    : List.of(StandardSocketOptions.SO_SNDBUF, StandardSocketOptions.SO_RCVBUF);
            for (SocketOption<Integer> option : sizes) {
                for (int size : new int[] {16 * 1024, 65 * 1024, 100_000}) {
                    channel.setOption(option, size);
                    assertEquals(size, channel.getOption(option), () -> channel + ": " + option);
                }
            }
        }
    }

    // Server channel: SO_REUSEADDR reads back what was set, before and after bind.
    @ForEachProvider
    @DisplayName("SO_REUSEADDR on a server channel reads back what was set")
    void serverReuseAddressRoundTrips(ProviderUnderTest p) throws Exception {
        AsynchronousServerSocketChannel server = resources.add(p.provider().openAsynchronousServerSocketChannel(null));
        for (boolean value : new boolean[] {true, false}) {
            assertSame(server, server.setOption(StandardSocketOptions.SO_REUSEADDR, value));
            assertEquals(value, server.getOption(StandardSocketOptions.SO_REUSEADDR));
        }
        server.bind(null);
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        assertTrue(server.getOption(StandardSocketOptions.SO_REUSEADDR));
    }

    // Every supported option can be read on an open channel (its value may be null only where the option allows).
    @ForEachProvider
    @DisplayName("every supported option can be read")
    void everySupportedOptionCanBeRead(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = Loopback.connect(p.provider(), null, resources);
        AsynchronousServerSocketChannel server = Loopback.listen(p.provider(), null, Loopback.ipv4(), resources);
        for (NetworkChannel channel : List.of(pair.client(), server)) {
            for (SocketOption<?> option : channel.supportedOptions()) {
                Object value = channel.getOption(option);
                if (value != null) {
                    assertTrue(option.type().isInstance(value), option.name() + " = " + value);
                }
            }
            assertNotNull(channel.getOption(StandardSocketOptions.SO_RCVBUF));
        }
    }

    // setOption/getOption: UnsupportedOperationException if the option is not supported by the channel.
    @ForEachProvider
    @DisplayName("an unsupported option is an UnsupportedOperationException")
    void unsupportedOptionIsRefused(ProviderUnderTest p) throws Exception {
        AsynchronousSocketChannel socket = resources.add(p.provider().openAsynchronousSocketChannel(null));
        AsynchronousServerSocketChannel server = resources.add(p.provider().openAsynchronousServerSocketChannel(null));
        for (NetworkChannel channel : List.<NetworkChannel>of(socket, server)) {
            assertFalse(channel.supportedOptions().contains(ForeignOption.INSTANCE));
            assertThrows(UnsupportedOperationException.class, () -> channel.setOption(ForeignOption.INSTANCE, 1));
            assertThrows(UnsupportedOperationException.class, () -> channel.getOption(ForeignOption.INSTANCE));
        }
    }

    // setOption: IllegalArgumentException if the value is not valid for the option (a negative buffer size; null for
    // an option whose value is a size or a flag).
    @ForEachProvider
    @DisplayName("an invalid option value is an IllegalArgumentException")
    void invalidValueIsRefused(ProviderUnderTest p) throws Exception {
        AsynchronousSocketChannel socket = resources.add(p.provider().openAsynchronousSocketChannel(null));
        AsynchronousServerSocketChannel server = resources.add(p.provider().openAsynchronousServerSocketChannel(null));
        assertThrows(IllegalArgumentException.class, () -> socket.setOption(StandardSocketOptions.SO_RCVBUF, -1));
        assertThrows(IllegalArgumentException.class, () -> socket.setOption(StandardSocketOptions.SO_SNDBUF, -1));
        assertThrows(IllegalArgumentException.class, () -> server.setOption(StandardSocketOptions.SO_RCVBUF, -1));
        assertThrows(IllegalArgumentException.class, () -> socket.setOption(StandardSocketOptions.TCP_NODELAY, null));
        assertThrows(IllegalArgumentException.class, () -> socket.setOption(StandardSocketOptions.SO_RCVBUF, null));
        assertThrows(IllegalArgumentException.class, () -> server.setOption(StandardSocketOptions.SO_REUSEADDR, null));
    }

    // java.nio.channels: a null option name is a NullPointerException.
    @ForEachProvider
    @DisplayName("a null option is a NullPointerException")
    void nullOptionIsRefused(ProviderUnderTest p) throws Exception {
        AsynchronousSocketChannel socket = resources.add(p.provider().openAsynchronousSocketChannel(null));
        assertThrows(NullPointerException.class, () -> socket.setOption(null, 1));
        assertThrows(NullPointerException.class, () -> socket.getOption(null));
    }

    // An accepted channel supports the same options as a connecting one.
    @ForEachProvider
    @DisplayName("an accepted channel supports the documented socket options")
    void acceptedChannelSupportsTheOptions(ProviderUnderTest p) throws Exception {
        AsynchronousSocketChannel accepted = Loopback.connect(p.provider(), null, resources).server();
        assertTrue(accepted.supportedOptions().containsAll(SOCKET_FLAGS));
        accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
        assertTrue(accepted.getOption(StandardSocketOptions.TCP_NODELAY));
    }

    // jdk.net.ExtendedSocketOptions: where a channel supports the TCP keep-alive tuning options, they read back the
    // value set (seconds and probe counts are exact on Linux).
    @ForEachProvider
    @DisplayName("supported jdk.net keep-alive options read back what was set")
    void extendedKeepAliveOptionsRoundTrip(ProviderUnderTest p) throws Exception {
        AsynchronousSocketChannel channel = Loopback.connect(p.provider(), null, resources).client();
        // By name: the test code is patched into module io.liouring.nio, which does not read jdk.net.
        Set<String> tuning = Set.of("TCP_KEEPIDLE", "TCP_KEEPINTERVAL", "TCP_KEEPCOUNT");
        int checked = 0;
        for (SocketOption<?> supported : channel.supportedOptions()) {
            if (tuning.contains(supported.name()) && supported.type() == Integer.class) {
                @SuppressWarnings("unchecked")
                SocketOption<Integer> option = (SocketOption<Integer>) supported;
                for (int value : new int[] {7, 23}) {
                    channel.setOption(option, value);
                    assertEquals(value, channel.getOption(option), option.name());
                }
                checked++;
            }
        }
        assumeTrue(checked > 0, "this channel supports none of the jdk.net keep-alive options");
    }

    // The JDK's server channel takes the jdk.net TCP options of its connections too (a listening socket's
    // keep-alive settings pass to the connections it accepts; the JDK's test AsynchronousServerSocketChannel/Basic
    // sets them when supportedOptions lists them); each reads back what was set.
    @ForEachProvider
    @DisplayName("the server channel supports the jdk.net keep-alive and quick-ack options of its connections")
    void serverChannelSupportsTheExtendedTcpOptionsOfItsConnections(ProviderUnderTest p) throws Exception {
        AsynchronousSocketChannel socket = resources.add(p.provider().openAsynchronousSocketChannel(null));
        AsynchronousServerSocketChannel server = resources.add(p.provider().openAsynchronousServerSocketChannel(null));
        Set<String> tcp = Set.of("TCP_KEEPIDLE", "TCP_KEEPINTERVAL", "TCP_KEEPCOUNT", "TCP_QUICKACK");
        int checked = 0;
        for (SocketOption<?> option : socket.supportedOptions()) {
            if (tcp.contains(option.name())) {
                assertTrue(server.supportedOptions().contains(option), option.name());
                if (option.type() == Integer.class) {
                    @SuppressWarnings("unchecked")
                    SocketOption<Integer> count = (SocketOption<Integer>) option;
                    server.setOption(count, 9);
                    assertEquals(9, server.getOption(count), option.name());
                }
                checked++;
            }
        }
        assumeTrue(checked > 0, "the connections support none of the jdk.net TCP options");
    }

    // setOption: IllegalArgumentException "If the value is not a valid value for this socket option", with the JDK's
    // messages for a null value and a negative buffer size.
    @ForEachProvider
    @DisplayName("invalid option values are refused with the JDK's messages")
    void invalidValuesCarryTheJdksMessages(ProviderUnderTest p) throws Exception {
        AsynchronousSocketChannel socket = resources.add(p.provider().openAsynchronousSocketChannel(null));
        assertEquals("Invalid option value", assertThrows(IllegalArgumentException.class,
                () -> socket.setOption(StandardSocketOptions.SO_RCVBUF, null)).getMessage());
        assertEquals("Invalid send/receive buffer size", assertThrows(IllegalArgumentException.class,
                () -> socket.setOption(StandardSocketOptions.SO_SNDBUF, -1)).getMessage());
    }

    // setOption: ClosedChannelException "If this channel is closed" — before the value is looked at, as the JDK's
    // channels check (the option's name and support come first)
    @ForEachProvider
    @DisplayName("a closed channel refuses an option before it looks at the value")
    void aClosedChannelRefusesAnOptionBeforeItLooksAtTheValue(ProviderUnderTest p) throws Exception {
        AsynchronousSocketChannel socket = p.provider().openAsynchronousSocketChannel(null);
        AsynchronousServerSocketChannel server = p.provider().openAsynchronousServerSocketChannel(null);
        socket.close();
        server.close();
        assertThrows(ClosedChannelException.class, () -> socket.setOption(StandardSocketOptions.SO_RCVBUF, -1));
        assertThrows(ClosedChannelException.class, () -> socket.setOption(StandardSocketOptions.SO_RCVBUF, null));
        assertThrows(ClosedChannelException.class, () -> server.setOption(StandardSocketOptions.SO_RCVBUF, -1));
        assertThrows(NullPointerException.class, () -> socket.setOption(null, 1));
        assertThrows(UnsupportedOperationException.class,
                () -> server.setOption(StandardSocketOptions.TCP_NODELAY, true));
    }
}
