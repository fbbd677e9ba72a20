package io.liouring.nio.channels.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;

/**
 * {@link java.nio.channels.AsynchronousChannel#close}: what was outstanding fails with AsynchronousCloseException,
 * what is initiated afterwards completes with ClosedChannelException, and the synchronous methods throw it.
 */
@Timeout(120)
class CloseTest {

    private final Resources resources = new Resources();

    @AfterEach
    void closeEverything() throws Exception {
        resources.close();
    }

    // close: an outstanding read fails with AsynchronousCloseException (Future and handler form, handler once).
    @ForEachProvider
    @DisplayName("close fails an outstanding read with AsynchronousCloseException")
    void closeFailsAPendingRead(ProviderUnderTest p) throws Exception {
        Loopback.Pair futurePair = Loopback.connect(p.provider(), null, resources);
        Loopback.Pair handlerPair = Loopback.connect(p.provider(), null, resources);
        Future<Integer> read = futurePair.server().read(ByteBuffer.allocate(4));
        Recorder<Integer, String> handler = new Recorder<>();
        handlerPair.server().read(ByteBuffer.allocate(4), 0, TimeUnit.SECONDS, "att", handler);

        futurePair.server().close();
        handlerPair.server().close();

        Await.failure(read, AsynchronousCloseException.class);
        Await.failure(handler.outcome, AsynchronousCloseException.class);
        assertEquals("att", handler.attachment);
        assertEquals(1, handler.invocations.get());
    }

    // close: an outstanding write fails with AsynchronousCloseException.
    @ForEachProvider
    @DisplayName("close fails an outstanding write with AsynchronousCloseException")
    void closeFailsAPendingWrite(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = Loopback.connect(p.provider(), null, resources);
        Loopback.PendingWrite write = Loopback.pendingWrite(pair.client(), pair.server());
        pair.client().close();
        Await.failure(write.future(), AsynchronousCloseException.class);
    }

    // close: a read and a write outstanding at once both fail with AsynchronousCloseException.
    @ForEachProvider
    @DisplayName("close fails an outstanding read and an outstanding write together")
    void closeFailsAPendingReadAndWrite(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = Loopback.connect(p.provider(), null, resources);
        Loopback.PendingWrite write = Loopback.pendingWrite(pair.client(), pair.server());
        Future<Integer> read = pair.client().read(ByteBuffer.allocate(4));
        pair.client().close();
        Await.failure(read, AsynchronousCloseException.class);
        Await.failure(write.future(), AsynchronousCloseException.class);
        assertFalse(pair.client().isOpen());
    }

    // After close, further attempts to initiate I/O complete immediately with ClosedChannelException: every read and
    // write form, and connect.
    @ForEachProvider
    @DisplayName("I/O initiated on a closed socket channel completes with ClosedChannelException")
    void ioOnAClosedChannel(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = Loopback.connect(p.provider(), null, resources);
        AsynchronousSocketChannel channel = pair.client();
        InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
        channel.close();

        Await.failure(channel.read(ByteBuffer.allocate(4)), ClosedChannelException.class);
        Await.failure(channel.write(ByteBuffer.wrap(new byte[] {1})), ClosedChannelException.class);
        Recorder<Integer, Void> read = new Recorder<>();
        channel.read(ByteBuffer.allocate(4), 1, TimeUnit.SECONDS, null, read);
        Await.failure(read.outcome, ClosedChannelException.class);
        Recorder<Integer, Void> write = new Recorder<>();
        channel.write(ByteBuffer.wrap(new byte[] {1}), null, write);
        Await.failure(write.outcome, ClosedChannelException.class);
        Recorder<Long, Void> scatter = new Recorder<>();
        channel.read(new ByteBuffer[] {ByteBuffer.allocate(2)}, 0, 1, 0, TimeUnit.SECONDS, null, scatter);
        Await.failure(scatter.outcome, ClosedChannelException.class);
        Recorder<Long, Void> gather = new Recorder<>();
        channel.write(new ByteBuffer[] {ByteBuffer.allocate(2)}, 0, 1, 0, TimeUnit.SECONDS, null, gather);
        Await.failure(gather.outcome, ClosedChannelException.class);

        AsynchronousSocketChannel neverConnected = resources.add(p.provider().openAsynchronousSocketChannel(null));
        neverConnected.close();
        Await.failure(neverConnected.connect(remote), ClosedChannelException.class);
        Recorder<Void, Void> connect = new Recorder<>();
        neverConnected.connect(remote, null, connect);
        Await.failure(connect.outcome, ClosedChannelException.class);
    }

    // NetworkChannel / AsynchronousSocketChannel: bind, getLocalAddress, getRemoteAddress, setOption, getOption,
    // shutdownInput and shutdownOutput throw ClosedChannelException once the channel is closed; supportedOptions
    // keeps answering.
    @ForEachProvider
    @DisplayName("the synchronous methods of a closed socket channel throw ClosedChannelException")
    void synchronousMethodsOfAClosedChannel(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = Loopback.connect(p.provider(), null, resources);
        AsynchronousSocketChannel channel = pair.client();
        Set<SocketOption<?>> before = channel.supportedOptions();
        channel.close();

        assertThrows(ClosedChannelException.class, channel::getLocalAddress);
        assertThrows(ClosedChannelException.class, channel::getRemoteAddress);
        assertThrows(ClosedChannelException.class, () -> channel.bind(null));
        assertThrows(ClosedChannelException.class, () -> channel.setOption(StandardSocketOptions.TCP_NODELAY, true));
        assertThrows(ClosedChannelException.class, () -> channel.getOption(StandardSocketOptions.TCP_NODELAY));
        assertThrows(ClosedChannelException.class, channel::shutdownInput);
        assertThrows(ClosedChannelException.class, channel::shutdownOutput);
        assertEquals(before, channel.supportedOptions());
    }

    // The same for a server channel: setOption/getOption throw ClosedChannelException, supportedOptions answers.
    @ForEachProvider
    @DisplayName("the synchronous methods of a closed server channel throw ClosedChannelException")
    void synchronousMethodsOfAClosedServerChannel(ProviderUnderTest p) throws Exception {
        AsynchronousServerSocketChannel server = Loopback.listen(p.provider(), null, Loopback.ipv4(), resources);
        Set<SocketOption<?>> before = server.supportedOptions();
        server.close();
        assertThrows(ClosedChannelException.class, () -> server.setOption(StandardSocketOptions.SO_REUSEADDR, true));
        assertThrows(ClosedChannelException.class, () -> server.getOption(StandardSocketOptions.SO_REUSEADDR));
        assertEquals(before, server.supportedOptions());
    }

    // Channel.close: closing a closed channel has no effect; isOpen is false from the first close on.
    @ForEachProvider
    @DisplayName("close is idempotent and isOpen turns false")
    void closeIsIdempotent(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = Loopback.connect(p.provider(), null, resources);
        AsynchronousServerSocketChannel server = Loopback.listen(p.provider(), null, Loopback.ipv4(), resources);
        AsynchronousSocketChannel unconnected = resources.add(p.provider().openAsynchronousSocketChannel(null));
        for (var channel : List.of(pair.client(), pair.server(), server, unconnected)) {
            assertTrue(channel.isOpen());
            channel.close();
            assertFalse(channel.isOpen());
            channel.close();
            assertFalse(channel.isOpen());
        }
    }

    // Closing the local channel ends the connection: the peer reads end of stream.
    @ForEachProvider
    @DisplayName("closing a channel shows the peer end of stream")
    void closeEndsTheConnection(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = Loopback.connect(p.provider(), null, resources);
        Loopback.writeFully(pair.server(), ByteBuffer.wrap(new byte[] {5}));
        pair.server().close();
        assertEquals(ByteBuffer.wrap(new byte[] {5}), Loopback.readFully(pair.client(), 1));
        assertEquals(-1, Await.result(pair.client().read(ByteBuffer.allocate(1))));
    }

    // Asynchronous channels are safe for use by multiple threads: a completion handler may close its own channel;
    // the operation outstanding in the other direction then fails with AsynchronousCloseException.
    @ForEachProvider
    @DisplayName("a completion handler may close its own channel, failing the other outstanding operation")
    void handlerClosesItsOwnChannel(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = Loopback.connect(p.provider(), null, resources);
        AsynchronousSocketChannel channel = pair.server();
        Loopback.PendingWrite write = Loopback.pendingWrite(channel, pair.client());
        List<Throwable> problems = new CopyOnWriteArrayList<>();
        CountDownLatch closed = new CountDownLatch(1);
        channel.read(ByteBuffer.allocate(1), null, new CompletionHandler<Integer, Void>() {
            @Override
            public void completed(Integer result, Void nothing) {
                try {
                    channel.close();
                } catch (Throwable t) {
                    problems.add(t);
                } finally {
                    closed.countDown();
                }
            }

            @Override
            public void failed(Throwable exc, Void nothing) {
                problems.add(exc);
                closed.countDown();
            }
        });
        Loopback.writeFully(pair.client(), ByteBuffer.wrap(new byte[] {1}));

        Await.latch(closed);
        assertEquals(List.of(), problems);
        assertFalse(channel.isOpen());
        Await.failure(write.future(), AsynchronousCloseException.class);
    }
}
