package io.liouring.bench.echo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * The plain-JDK peer: one thread, one {@link Selector}, non-blocking channels, a direct buffer per connection.
 * A connection whose echo does not fit the socket at once waits for {@code OP_WRITE} before reading again.
 */
final class NioEchoServer implements EchoServer {
    private static final int BUFFER = 64 * 1024;

    private final Selector selector;
    private final ServerSocketChannel server;
    private final Thread thread;
    private volatile boolean closed;

    private NioEchoServer(int port) throws IOException {
        selector = Selector.open();
        server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress("127.0.0.1", port), 1024);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        thread = Thread.ofPlatform().name("nio-echo").start(this::run);
    }

    static NioEchoServer start(int port) throws IOException {
        return new NioEchoServer(port);
    }

    @Override
    public int port() {
        return server.socket().getLocalPort();
    }

    private void run() {
        try {
            while (!closed) {
                selector.select();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else {
                        serve(key);
                    }
                }
            }
        } catch (IOException e) {
            if (!closed) {
                e.printStackTrace();
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel c;
        while ((c = server.accept()) != null) {
            c.configureBlocking(false);
            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            c.register(selector, SelectionKey.OP_READ, ByteBuffer.allocateDirect(BUFFER));
        }
    }

    private static void serve(SelectionKey key) {
        SocketChannel c = (SocketChannel) key.channel();
        ByteBuffer buffer = (ByteBuffer) key.attachment();
        try {
            if (key.isReadable()) {
                int n = c.read(buffer);
                if (n < 0) {
                    key.cancel();
                    c.close();
                    return;
                }
            }
            buffer.flip();
            c.write(buffer);
            if (buffer.hasRemaining()) {
                buffer.compact();
                key.interestOps(SelectionKey.OP_WRITE);
            } else {
                buffer.clear();
                key.interestOps(SelectionKey.OP_READ);
            }
        } catch (IOException e) {
            key.cancel();
            try {
                c.close();
            } catch (IOException ignored) {
                // closing a broken connection
            }
        }
    }

    @Override
    public void close() throws Exception {
        closed = true;
        selector.wakeup();
        thread.join();
        server.close();
        selector.close();
    }
}
