package io.liouring.nio.review;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restarted server must get its port back while connections it closed wait in TIME_WAIT: the JDK's listening
 * channels enable {@code SO_REUSEADDR} by default on Linux for exactly that, and servers (Tomcat's NIO2 connector
 * among them) rely on it without setting the option.
 */
class ServerSocketReuseAddressTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.liouring.nio.review.ChannelUnderTest#providers")
    void aListeningChannelReusesAddressesByDefault(String provider) throws Exception {
        try (ChannelUnderTest under = ChannelUnderTest.open(provider);
             AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(under.group)) {
            assertEquals(true, server.getOption(StandardSocketOptions.SO_REUSEADDR), provider);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.liouring.nio.review.ChannelUnderTest#providers")
    void aRestartedServerRebindsItsPortWhileItsClosedConnectionsWait(String provider) throws Exception {
        try (ChannelUnderTest under = ChannelUnderTest.open(provider)) {
            SocketAddress address;
            try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(under.group)
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                 AsynchronousSocketChannel client = AsynchronousSocketChannel.open(under.group)) {
                address = server.getLocalAddress();
                var accepting = server.accept();
                client.connect(address).get(ChannelUnderTest.WAIT_SECONDS, TimeUnit.SECONDS);
                AsynchronousSocketChannel accepted = accepting.get(ChannelUnderTest.WAIT_SECONDS, TimeUnit.SECONDS);
                accepted.close(); // the server closes first: its end of the connection waits in TIME_WAIT
                assertEquals(-1, client.read(ByteBuffer.allocate(1)).get(ChannelUnderTest.WAIT_SECONDS, TimeUnit.SECONDS));
            }
            try (AsynchronousServerSocketChannel restarted = AsynchronousServerSocketChannel.open(under.group)) {
                restarted.bind(address); // BindException "Address already in use" without SO_REUSEADDR
                assertTrue(restarted.isOpen());
            }
        }
    }
}
