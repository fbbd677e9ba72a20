package io.liouring.nio.channels.conformance;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An echo server written the way the AsynchronousServerSocketChannel Javadoc shows it: the accept handler starts
 * the next accept, then each connection echoes with a read handler that starts a write and a write handler that
 * starts the next read; at end of stream it shuts its output down. Failures are collected for the test to check.
 */
final class EchoServer {

    final AsynchronousServerSocketChannel listener;
    final List<Throwable> problems = new CopyOnWriteArrayList<>();
    private final Resources resources;
    private final Buffers kind;

    private EchoServer(AsynchronousServerSocketChannel listener, Resources resources, Buffers kind) {
        this.listener = listener;
        this.resources = resources;
        this.kind = kind;
    }

    /** Starts an echo server of {@code provider} in {@code group}, echoing through buffers of {@code kind}. */
    static EchoServer start(AsynchronousChannelProvider provider, AsynchronousChannelGroup group, InetAddress address,
            Buffers kind, Resources resources) throws IOException {
        EchoServer server = new EchoServer(Loopback.listen(provider, group, address, resources), resources, kind);
        server.listener.accept(null, server.new Acceptor());
        return server;
    }

    private final class Acceptor implements CompletionHandler<AsynchronousSocketChannel, Void> {
        @Override
        public void completed(AsynchronousSocketChannel connection, Void nothing) {
            resources.add(connection);
            listener.accept(null, this);
            new Connection(connection, kind.allocate(64 * 1024)).read();
        }

        @Override
        public void failed(Throwable exc, Void nothing) {
            if (!(exc instanceof AsynchronousCloseException)) {
                problems.add(exc);
            }
        }
    }

    private final class Connection {
        private final AsynchronousSocketChannel channel;
        private final ByteBuffer buffer;

        Connection(AsynchronousSocketChannel channel, ByteBuffer buffer) {
            this.channel = channel;
            this.buffer = buffer;
        }

        void read() {
            channel.read(buffer, null, new CompletionHandler<Integer, Void>() {
                @Override
                public void completed(Integer n, Void nothing) {
                    if (n < 0) {
                        try {
                            channel.shutdownOutput();
                        } catch (IOException e) {
                            problems.add(e);
                        }
                        return;
                    }
                    buffer.flip();
                    write();
                }

                @Override
                public void failed(Throwable exc, Void nothing) {
                    problems.add(exc);
                }
            });
        }

        void write() {
            channel.write(buffer, null, new CompletionHandler<Integer, Void>() {
                @Override
                public void completed(Integer n, Void nothing) {
                    if (buffer.hasRemaining()) {
                        write();
                    } else {
                        buffer.clear();
                        read();
                    }
                }

                @Override
                public void failed(Throwable exc, Void nothing) {
                    problems.add(exc);
                }
            });
        }
    }
}
