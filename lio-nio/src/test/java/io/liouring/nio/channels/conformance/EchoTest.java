package io.liouring.nio.channels.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;

/**
 * End to end: 1 MiB of tagged bytes sent through an echo server of the provider under test comes back identical, for
 * heap and direct buffers, single and scattering/gathering I/O, over IPv4 and IPv6 loopback.
 */
@Timeout(300)
class EchoTest {

    private static final int SIZE = 1 << 20;

    private final Resources resources = new Resources();

    @AfterEach
    void closeEverything() throws Exception {
        resources.close();
    }

    /** Every 8-byte word holds its own index, scrambled, so a lost, repeated or reordered chunk shows. */
    private static byte[] tagged(int size) {
        ByteBuffer data = ByteBuffer.allocate(size);
        for (long word = 0; data.remaining() >= Long.BYTES; word++) {
            data.putLong(word * 0x9E3779B97F4A7C15L ^ word);
        }
        return data.array();
    }

    @ForEachProvider
    @DisplayName("1 MiB of tagged data is echoed back intact over IPv4, heap and direct, single and vectored")
    void echoOverIpv4(ProviderUnderTest p) throws Exception {
        echoAllWays(p.provider(), Loopback.ipv4());
    }

    @ForEachProvider
    @DisplayName("1 MiB of tagged data is echoed back intact over IPv6, heap and direct, single and vectored")
    void echoOverIpv6(ProviderUnderTest p) throws Exception {
        echoAllWays(p.provider(), Loopback.ipv6());
    }

    private void echoAllWays(AsynchronousChannelProvider provider, InetAddress address) throws Exception {
        AsynchronousChannelGroup serverGroup = resources.add(
                provider.openAsynchronousChannelGroup(2, new RecordingThreadFactory()));
        for (Buffers kind : Buffers.values()) {
            EchoServer server = EchoServer.start(provider, serverGroup, address, kind, resources);
            for (boolean vectored : new boolean[] {false, true}) {
                AsynchronousSocketChannel client = resources.add(provider.openAsynchronousSocketChannel(null));
                Await.result(client.connect(server.listener.getLocalAddress()));
                String what = kind + (vectored ? " vectored" : " single");

                byte[] sent = tagged(SIZE);
                CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> send(client, sent, kind, vectored));
                byte[] received = receive(client, kind, vectored);
                Await.result(sending);

                assertEquals(List.of(), server.problems, what);
                assertEquals(sent.length, received.length, what + ": length");
                for (int i = 0; i < sent.length; i++) {
                    if (sent[i] != received[i]) {
                        fail(what + ": first difference at byte " + i);
                    }
                }
                client.close();
            }
        }
    }

    /** Sends {@code data} in chunks of varying size, then shuts the output down. */
    private static void send(AsynchronousSocketChannel client, byte[] data, Buffers kind, boolean vectored) {
        int offset = 0;
        int chunk = 1;
        while (offset < data.length) {
            int length = Math.min(chunk, data.length - offset);
            if (vectored) {
                int head = length / 3;
                ByteBuffer[] srcs = {kind.of(new byte[0]), kind.of(slice(data, offset, head)),
                        kind.of(slice(data, offset + head, length - head))};
                long left = length;
                while (left > 0) {
                    Recorder<Long, Void> handler = new Recorder<>();
                    client.write(srcs, 1, 2, 0, TimeUnit.SECONDS, null, handler);
                    left -= Await.result(handler.outcome);
                }
            } else {
                Loopback.writeFully(client, kind.of(slice(data, offset, length)));
            }
            offset += length;
            chunk = chunk * 3 % 100_003 + 1;
        }
        try {
            client.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until end of stream, through buffers of varying size. */
    private static byte[] receive(AsynchronousSocketChannel client, Buffers kind, boolean vectored) {
        ByteBuffer all = ByteBuffer.allocate(SIZE + 1);
        ByteBuffer first = kind.allocate(1000);
        ByteBuffer second = kind.allocate(70_000);
        while (true) {
            long n;
            if (vectored) {
                Recorder<Long, Void> handler = new Recorder<>();
                client.read(new ByteBuffer[] {first, second}, 0, 2, 0, TimeUnit.SECONDS, null, handler);
                n = Await.result(handler.outcome);
            } else {
                n = Await.result(client.read(second));
            }
            if (n < 0) {
                break;
            }
            assertTrue(all.remaining() >= first.position() + second.position(), "more bytes came back than were sent");
            all.put(first.flip()).put(second.flip());
            first.clear();
            second.clear();
        }
        return slice(all.array(), 0, all.position());
    }

    private static byte[] slice(byte[] data, int offset, int length) {
        byte[] part = new byte[length];
        System.arraycopy(data, offset, part, 0, length);
        return part;
    }
}
