package io.liouring.nio.channels.conformance;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.concurrent.Future;

/** Loopback connections opened through a provider under test, registered with the test's {@link Resources}. */
final class Loopback {

    private Loopback() {
    }

    /** A connection: the side that connected and the side the server accepted. */
    record Pair(AsynchronousSocketChannel client, AsynchronousSocketChannel server) {
    }

    /** A write that stays outstanding because neither the peer nor the kernel takes more bytes. */
    record PendingWrite(Future<Integer> future, ByteBuffer buffer, long writtenBefore) {
    }

    static InetAddress ipv4() throws IOException {
        return InetAddress.getByName("127.0.0.1");
    }

    /** The IPv6 loopback address; aborts the test when this host cannot listen on it. */
    static InetAddress ipv6() throws IOException {
        InetAddress address = InetAddress.getByName("::1");
        try (ServerSocket probe = new ServerSocket(0, 1, address)) {
            return address;
        } catch (IOException e) {
            return abort("IPv6 loopback is not available on this host: " + e);
        }
    }

    /** A server channel of {@code provider} in {@code group} (null: the default group) listening on {@code address}. */
    static AsynchronousServerSocketChannel listen(AsynchronousChannelProvider provider, AsynchronousChannelGroup group,
            InetAddress address, Resources resources) throws IOException {
        AsynchronousServerSocketChannel server = resources.add(provider.openAsynchronousServerSocketChannel(group));
        server.bind(new InetSocketAddress(address, 0));
        return server;
    }

    /** A connection between two channels of {@code provider} in {@code group} over {@code address}. */
    static Pair connect(AsynchronousChannelProvider provider, AsynchronousChannelGroup group, InetAddress address,
            Resources resources) throws IOException {
        AsynchronousServerSocketChannel server = listen(provider, group, address, resources);
        AsynchronousSocketChannel client = resources.add(provider.openAsynchronousSocketChannel(group));
        Future<AsynchronousSocketChannel> accepted = server.accept();
        Await.result(client.connect(server.getLocalAddress()));
        AsynchronousSocketChannel serverSide = resources.add(Await.result(accepted));
        server.close();
        return new Pair(client, serverSide);
    }

    /** A connection over IPv4 loopback. */
    static Pair connect(AsynchronousChannelProvider provider, AsynchronousChannelGroup group, Resources resources)
            throws IOException {
        return connect(provider, group, ipv4(), resources);
    }

    /** Writes all of {@code source}, one outstanding write at a time. */
    static void writeFully(AsynchronousSocketChannel channel, ByteBuffer source) {
        while (source.hasRemaining()) {
            Await.result(channel.write(source));
        }
    }

    /** Reads exactly {@code length} bytes, failing at a premature end of stream. */
    static ByteBuffer readFully(AsynchronousSocketChannel channel, int length) {
        ByteBuffer into = ByteBuffer.allocate(length);
        while (into.hasRemaining()) {
            if (Await.result(channel.read(into)) < 0) {
                fail("end of stream after " + into.position() + " of " + length + " bytes");
            }
        }
        return into.flip();
    }

    /**
     * Writes from {@code writer} (whose peer does not read) until a write stays outstanding: loopback buffers are
     * finite, so one does within a few MiB. A write that completes within a second is taken as not stuck.
     */
    static PendingWrite pendingWrite(AsynchronousSocketChannel writer, AsynchronousSocketChannel peer)
            throws IOException {
        writer.setOption(StandardSocketOptions.SO_SNDBUF, 64 * 1024);
        peer.setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        long written = 0;
        for (int attempt = 0; attempt < 256; attempt++) {
            if (!buffer.hasRemaining()) {
                buffer.clear();
            }
            Future<Integer> write = writer.write(buffer);
            if (!Await.completesWithin(write, 1000)) {
                return new PendingWrite(write, buffer, written);
            }
            written += Await.result(write);
        }
        return fail("every write completed although the peer read nothing (" + written + " bytes)");
    }
}
