package io.liouring.bench.echo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark P9's server: a plain NIO.2 echo server, written against {@code java.nio.channels} only, so it runs
 * unchanged on whichever {@code AsynchronousChannelProvider} the JVM was started with. One
 * {@link AsynchronousChannelGroup} of a fixed pool of {@code threads} threads; per connection a direct buffer and a
 * chain of completion handlers: read, write back all of it (again while the write was partial), read again.
 */
final class Nio2EchoServer implements EchoServer {
    private static final int BUFFER = 64 * 1024;

    private final AsynchronousChannelGroup group;
    private final AsynchronousServerSocketChannel server;

    private Nio2EchoServer(int port, int threads) throws IOException {
        group = AsynchronousChannelGroup.withFixedThreadPool(threads, Thread.ofPlatform().name("nio2-echo-", 0).factory());
        server = AsynchronousServerSocketChannel.open(group);
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress("127.0.0.1", port), 1024);
        server.accept(null, new CompletionHandler<AsynchronousSocketChannel, Void>() {
            @Override
            public void completed(AsynchronousSocketChannel channel, Void attachment) {
                server.accept(null, this);
                try {
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                } catch (IOException e) {
                    closeQuietly(channel);
                    return;
                }
                new Connection(channel).read();
            }

            @Override
            public void failed(Throwable e, Void attachment) {
                if (server.isOpen()) {
                    e.printStackTrace();
                }
            }
        });
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port) with a group of {@code threads} threads. */
    static Nio2EchoServer start(int port, int threads) throws IOException {
        return new Nio2EchoServer(port, threads);
    }

    @Override
    public int port() {
        try {
            return ((InetSocketAddress) server.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The provider the group (and so every channel) came from. */
    String provider() {
        return group.provider().getClass().getName();
    }

    /** One connection: its buffer alternates between a read and writing that read's bytes back. */
    private static final class Connection {
        private final AsynchronousSocketChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);

        private final CompletionHandler<Integer, Void> afterRead = new CompletionHandler<>() {
            @Override
            public void completed(Integer n, Void attachment) {
                if (n < 0) {
                    closeQuietly(channel);
                    return;
                }
                buffer.flip();
                channel.write(buffer, null, afterWrite);
            }

            @Override
            public void failed(Throwable e, Void attachment) {
                closeQuietly(channel);
            }
        };

        private final CompletionHandler<Integer, Void> afterWrite = new CompletionHandler<>() {
            @Override
            public void completed(Integer n, Void attachment) {
                if (buffer.hasRemaining()) {
                    channel.write(buffer, null, this);
                } else {
                    read();
                }
            }

            @Override
            public void failed(Throwable e, Void attachment) {
                closeQuietly(channel);
            }
        };

        Connection(AsynchronousSocketChannel channel) {
            this.channel = channel;
        }

        void read() {
            buffer.clear();
            channel.read(buffer, null, afterRead);
        }
    }

    private static void closeQuietly(AsynchronousSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a broken connection
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        group.shutdownNow();
        if (!group.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the echo server's channel group did not terminate within 10 s");
        }
    }
}
