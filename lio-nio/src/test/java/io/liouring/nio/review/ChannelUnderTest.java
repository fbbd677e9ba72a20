package io.liouring.nio.review;

import io.liouring.nio.channels.LioChannelProvider;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Review fixture: the JDK's provider and lio-nio's, each giving a fixed group of two threads, and a connected pair
 * of an asynchronous channel of the provider and a plain blocking JDK socket as its peer.
 */
final class ChannelUnderTest implements AutoCloseable {
    static final long WAIT_SECONDS = 30;

    final String name;
    final AsynchronousChannelGroup group;

    private ChannelUnderTest(String name, AsynchronousChannelProvider provider) throws IOException {
        this.name = name;
        this.group = provider.openAsynchronousChannelGroup(2, Executors.defaultThreadFactory());
    }

    /** The names of the providers, for {@code @MethodSource}. */
    static Stream<String> providers() {
        return Stream.of("JDK", "LIO");
    }

    static ChannelUnderTest open(String name) throws IOException {
        AsynchronousChannelProvider provider = switch (name) {
            case "JDK" -> AsynchronousChannelProvider.provider();
            case "LIO" -> new LioChannelProvider();
            default -> throw new IllegalArgumentException(name);
        };
        return new ChannelUnderTest(name, provider);
    }

    /** A connected pair: {@code channel} (of the provider) and {@code peer} (a blocking JDK socket). */
    Pair connect() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            AsynchronousSocketChannel channel = AsynchronousSocketChannel.open(group);
            channel.connect(listener.getLocalAddress()).get(WAIT_SECONDS, TimeUnit.SECONDS);
            return new Pair(channel, listener.accept());
        }
    }

    record Pair(AsynchronousSocketChannel channel, SocketChannel peer) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try (peer) {
                channel.close();
            }
        }
    }

    @Override
    public void close() throws Exception {
        group.shutdownNow();
        if (!group.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError(name + ": group did not terminate");
        }
    }
}
