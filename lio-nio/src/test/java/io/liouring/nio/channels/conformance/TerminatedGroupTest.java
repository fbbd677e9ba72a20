package io.liouring.nio.channels.conformance;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ShutdownChannelGroupException;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;

/**
 * Operations on channels whose group has terminated. The handler forms of read, write, connect and accept declare
 * ShutdownChannelGroupException "if the channel group has terminated": no pooled thread is left to run the handler.
 * The Future forms declare no such exception; their channel is closed (a group terminates only when all its
 * channels are), so they complete with ClosedChannelException.
 */
@Timeout(120)
class TerminatedGroupTest {

    private final Resources resources = new Resources();

    @AfterEach
    void closeEverything() throws Exception {
        resources.close();
    }

    @ForEachProvider
    @DisplayName("handler-form operations on a channel of a terminated group throw ShutdownChannelGroupException")
    void handlerFormsThrowShutdownChannelGroupException(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        AsynchronousChannelGroup group = resources.add(provider.openAsynchronousChannelGroup(1, new RecordingThreadFactory()));
        Loopback.Pair pair = Loopback.connect(provider, group, resources);
        AsynchronousServerSocketChannel server = Loopback.listen(provider, group, Loopback.ipv4(), resources);
        AsynchronousSocketChannel unconnected = resources.add(provider.openAsynchronousSocketChannel(group));
        SocketAddress target = server.getLocalAddress();
        group.shutdownNow();
        assertTrue(group.awaitTermination(Await.SECONDS, TimeUnit.SECONDS));

        AsynchronousSocketChannel channel = pair.client();
        assertThrows(ShutdownChannelGroupException.class,
                () -> channel.read(ByteBuffer.allocate(1), null, new Recorder<>()));
        assertThrows(ShutdownChannelGroupException.class,
                () -> channel.read(ByteBuffer.allocate(1), 1, TimeUnit.SECONDS, null, new Recorder<>()));
        assertThrows(ShutdownChannelGroupException.class, () -> channel.read(
                new ByteBuffer[] {ByteBuffer.allocate(1)}, 0, 1, 1, TimeUnit.SECONDS, null, new Recorder<>()));
        assertThrows(ShutdownChannelGroupException.class,
                () -> channel.write(ByteBuffer.allocate(1), null, new Recorder<>()));
        assertThrows(ShutdownChannelGroupException.class,
                () -> channel.write(ByteBuffer.allocate(1), 1, TimeUnit.SECONDS, null, new Recorder<>()));
        assertThrows(ShutdownChannelGroupException.class, () -> channel.write(
                new ByteBuffer[] {ByteBuffer.allocate(1)}, 0, 1, 1, TimeUnit.SECONDS, null, new Recorder<>()));
        assertThrows(ShutdownChannelGroupException.class, () -> unconnected.connect(target, null, new Recorder<>()));
        assertThrows(ShutdownChannelGroupException.class, () -> server.accept(null, new Recorder<>()));
    }

    @ForEachProvider
    @DisplayName("Future-form operations on a channel of a terminated group complete with ClosedChannelException")
    void futureFormsCompleteWithClosedChannelException(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        AsynchronousChannelGroup group = resources.add(provider.openAsynchronousChannelGroup(1, new RecordingThreadFactory()));
        Loopback.Pair pair = Loopback.connect(provider, group, resources);
        AsynchronousServerSocketChannel server = Loopback.listen(provider, group, Loopback.ipv4(), resources);
        AsynchronousSocketChannel unconnected = resources.add(provider.openAsynchronousSocketChannel(group));
        SocketAddress target = server.getLocalAddress();
        group.shutdownNow();
        assertTrue(group.awaitTermination(Await.SECONDS, TimeUnit.SECONDS));

        Await.failure(pair.client().read(ByteBuffer.allocate(1)), ClosedChannelException.class);
        Await.failure(pair.client().write(ByteBuffer.allocate(1)), ClosedChannelException.class);
        Await.failure(unconnected.connect(target), ClosedChannelException.class);
        Await.failure(server.accept(), ClosedChannelException.class);
    }
}
