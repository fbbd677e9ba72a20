package io.liouring.nio.channels.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.concurrent.Future;

/**
 * A connect that stays outstanding: the target listens with a backlog of one and never accepts, so once its accept
 * queue is full Linux drops further SYNs and the connecting side keeps retrying for minutes.
 */
record PendingConnect(AsynchronousSocketChannel channel, Future<Void> future, SocketAddress target) {

    /** Opens channels of {@code provider} (default group) and connects them until one stays outstanding. */
    static PendingConnect open(AsynchronousChannelProvider provider, Resources resources) throws IOException {
        ServerSocket neverAccepts = resources.add(new ServerSocket(0, 1, Loopback.ipv4()));
        SocketAddress target = neverAccepts.getLocalSocketAddress();
        for (int attempt = 0; attempt < 16; attempt++) {
            AsynchronousSocketChannel channel = resources.add(provider.openAsynchronousSocketChannel(null));
            Future<Void> connect = channel.connect(target);
            if (!Await.completesWithin(connect, 1000)) {
                return new PendingConnect(channel, connect, target);
            }
        }
        return fail("16 connects to a full backlog all completed");
    }
}
