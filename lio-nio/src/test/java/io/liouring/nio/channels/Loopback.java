package io.liouring.nio.channels;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test helpers: a connected pair of channels over loopback, and waiting with generous limits. */
final class Loopback implements AutoCloseable {
    /** How long a test waits for anything (a loaded 2-core CI machine). */
    static final long WAIT_SECONDS = 30;

    final AsynchronousServerSocketChannel server;
    final AsynchronousSocketChannel client;
    final AsynchronousSocketChannel accepted;

    private Loopback(AsynchronousServerSocketChannel server, AsynchronousSocketChannel client,
                     AsynchronousSocketChannel accepted) {
        this.server = server;
        this.client = client;
        this.accepted = accepted;
    }

    /** A listener on {@code address}'s loopback, a client connected to it, and the accepted end. */
    static Loopback connect(AsynchronousChannelGroup group, InetAddress address) throws Exception {
        AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(group)
                .bind(new InetSocketAddress(address, 0));
        AsynchronousSocketChannel client = AsynchronousSocketChannel.open(group);
        Future<AsynchronousSocketChannel> accept = server.accept();
        await(client.connect(server.getLocalAddress()));
        return new Loopback(server, client, await(accept));
    }

    static Loopback connect(AsynchronousChannelGroup group) throws Exception {
        return connect(group, InetAddress.getLoopbackAddress());
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Writes all of {@code src} with futures. */
    static void writeFully(AsynchronousSocketChannel channel, ByteBuffer src) throws Exception {
        while (src.hasRemaining()) {
            await(channel.write(src));
        }
    }

    /** Reads until {@code dst} is full; fails at end of stream. */
    static void readFully(AsynchronousSocketChannel channel, ByteBuffer dst) throws Exception {
        while (dst.hasRemaining()) {
            int n = await(channel.read(dst));
            assertTrue(n > 0, "end of stream with " + dst.remaining() + " bytes still expected");
        }
    }

    /** {@code n} bytes of a pattern that does not repeat every 256 bytes. */
    static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + i / 251 + seed);
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        client.close();
        accepted.close();
        server.close();
    }
}
