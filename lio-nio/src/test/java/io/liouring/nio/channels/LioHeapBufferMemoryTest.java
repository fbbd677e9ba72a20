package io.liouring.nio.channels;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Heap buffers go through bounded native memory: a JVM allowed 2 MiB of direct memory moves 64 MiB through heap
 * buffers of 1 MiB on eight connections at once, every byte checked (staging each 1 MiB buffer in a direct buffer
 * of its size would need 16 MiB); and the pool keeps at most {@link NativeChunks#MAX_CACHED} chunks.
 */
class LioHeapBufferMemoryTest {
    @Test
    void heapBuffersWorkUnderASmallDirectMemoryLimit() throws Exception {
        String out = LioChannelProviderTest.runJava(HeapTraffic.class, List.of("-XX:MaxDirectMemorySize=2m"));
        assertTrue(out.contains("verified 67108864 bytes"), out);
    }

    @Test
    void thePoolKeepsABoundedNumberOfChunks() {
        NativeChunks chunks = new NativeChunks();
        List<NativeChunks.Chunk> taken = new ArrayList<>();
        for (int i = 0; i < NativeChunks.MAX_CACHED + 10; i++) {
            taken.add(chunks.take());
        }
        assertTrue(taken.stream().allMatch(c -> c.segment().byteSize() == NativeChunks.CHUNK_BYTES));
        taken.forEach(chunks::give);
        org.junit.jupiter.api.Assertions.assertEquals(NativeChunks.MAX_CACHED, chunks.cached());
        NativeChunks.Chunk again = chunks.take();
        assertTrue(taken.contains(again), "a cached chunk is reused");
        org.junit.jupiter.api.Assertions.assertEquals(NativeChunks.MAX_CACHED - 1, chunks.cached());
        long freed = taken.stream().filter(c -> !c.arena().scope().isAlive()).count();
        org.junit.jupiter.api.Assertions.assertEquals(10, freed, "chunks beyond the cache are freed at once");
    }

    /** The child: eight connections, each sending 8 MiB from 1 MiB heap buffers and checking what arrives. */
    public static final class HeapTraffic {
        private static final int CONNECTIONS = 8;
        private static final int PER_CONNECTION = 8 << 20;
        private static final int BUFFER = 1 << 20;

        public static void main(String[] args) throws Exception {
            LioChannelProvider provider = new LioChannelProvider();
            AsynchronousChannelGroup group = provider.openAsynchronousChannelGroup(4, Executors.defaultThreadFactory());
            List<CompletableFuture<Long>> transfers = new ArrayList<>();
            try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(group)
                    .bind(new java.net.InetSocketAddress("127.0.0.1", 0))) {
                for (int c = 0; c < CONNECTIONS; c++) {
                    AsynchronousSocketChannel client = AsynchronousSocketChannel.open(group);
                    var accept = server.accept();
                    client.connect(server.getLocalAddress()).get();
                    AsynchronousSocketChannel accepted = accept.get();
                    int seed = c;
                    transfers.add(CompletableFuture.supplyAsync(() -> send(client, seed)));
                    transfers.add(CompletableFuture.supplyAsync(() -> receive(accepted, seed)));
                }
                long verified = 0;
                for (int i = 0; i < transfers.size(); i += 2) {
                    transfers.get(i).get(60, TimeUnit.SECONDS);
                    verified += transfers.get(i + 1).get(60, TimeUnit.SECONDS);
                }
                System.out.println("verified " + verified + " bytes");
            } finally {
                group.shutdownNow();
                group.awaitTermination(30, TimeUnit.SECONDS);
            }
        }

        private static byte expected(long offset, int seed) {
            return (byte) (offset * 7 + offset / 1009 + seed);
        }

        private static long send(AsynchronousSocketChannel channel, int seed) {
            try {
                ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
                for (long sent = 0; sent < PER_CONNECTION; ) {
                    buffer.clear();
                    for (int i = 0; i < BUFFER; i++) {
                        buffer.put(i, expected(sent + i, seed));
                    }
                    while (buffer.hasRemaining()) {
                        channel.write(buffer).get();
                    }
                    sent += BUFFER;
                }
                channel.shutdownOutput();
                return PER_CONNECTION;
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }

        private static long receive(AsynchronousSocketChannel channel, int seed) {
            try {
                ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
                long received = 0;
                while (true) {
                    buffer.clear();
                    int n = channel.read(buffer).get();
                    if (n < 0) {
                        break;
                    }
                    byte[] got = Arrays.copyOf(buffer.array(), n);
                    for (int i = 0; i < n; i++) {
                        if (got[i] != expected(received + i, seed)) {
                            throw new AssertionError("byte " + (received + i) + " of connection " + seed);
                        }
                    }
                    received += n;
                }
                if (received != PER_CONNECTION) {
                    throw new AssertionError("connection " + seed + " got " + received + " bytes");
                }
                channel.close();
                return received;
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }
    }
}
