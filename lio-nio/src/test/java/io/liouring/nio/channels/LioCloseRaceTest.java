package io.liouring.nio.channels;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.liouring.nio.channels.Loopback.WAIT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closing channels while reads and writes are pending, over and over, so that descriptor numbers are reused by
 * the next connections: every byte is tagged with its connection's id (the id's four bytes, repeated), and every
 * byte a channel reads must carry its peer's tag. A request of a closed channel that reached a reused descriptor
 * would show up as a foreign tag.
 */
class LioCloseRaceTest extends GroupFixture {
    private static final int TRIALS = 150;
    private static final int PAIRS = 6;
    private static final int PATTERN_BYTES = 4096;

    private final AtomicInteger nextId = new AtomicInteger(1);
    private final AtomicLong foreignBytes = new AtomicLong();
    private final AtomicLong verifiedBytes = new AtomicLong();
    private final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();

    @Test
    void noByteOfOneConnectionReachesAnother() throws Exception {
        long fdsBefore = openDescriptors();
        Random random = new Random(42);
        Map<Integer, Integer> trialsByFd = new HashMap<>();
        ExecutorService closer = Executors.newSingleThreadExecutor();
        try (var server = java.nio.channels.AsynchronousServerSocketChannel.open(group)
                .bind(new java.net.InetSocketAddress("127.0.0.1", 0))) {
            for (int trial = 0; trial < TRIALS; trial++) {
                List<AsynchronousSocketChannel> channels = new ArrayList<>();
                List<CountDownLatch> flowing = new ArrayList<>();
                CountDownLatch finished = new CountDownLatch(PAIRS * 4);
                for (int p = 0; p < PAIRS; p++) {
                    AsynchronousSocketChannel client = AsynchronousSocketChannel.open(group);
                    var accept = server.accept();
                    Loopback.await(client.connect(server.getLocalAddress()));
                    AsynchronousSocketChannel accepted = Loopback.await(accept);
                    int clientId = nextId.getAndIncrement();
                    int acceptedId = nextId.getAndIncrement();
                    boolean direct = (p & 1) == 0;
                    CountDownLatch arrived = new CountDownLatch(1);
                    flowing.add(arrived);
                    new Writer(client, clientId, direct, finished).start();
                    new Writer(accepted, acceptedId, !direct, finished).start();
                    new Reader(accepted, clientId, direct, arrived, finished).start();
                    new Reader(client, acceptedId, !direct, new CountDownLatch(1), finished).start();
                    channels.add(client);
                    channels.add(accepted);
                    for (AsynchronousSocketChannel c : List.of(client, accepted)) {
                        trialsByFd.merge(((LioSocketChannel) c).descriptorNumber(), 1, Integer::sum);
                    }
                }
                for (CountDownLatch arrived : flowing) {
                    assertTrue(arrived.await(WAIT_SECONDS, TimeUnit.SECONDS), "bytes flow before the close");
                }
                Collections.shuffle(channels, random);
                // half closed from another thread while the test thread closes the rest: closes race each other
                // and the loops' completions
                List<AsynchronousSocketChannel> other = channels.subList(0, channels.size() / 2);
                CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> closeAll(other), closer);
                closeAll(channels.subList(channels.size() / 2, channels.size()));
                closing.get(WAIT_SECONDS, TimeUnit.SECONDS);
                assertTrue(finished.await(WAIT_SECONDS, TimeUnit.SECONDS), "every loop ended after the close");
            }
        } finally {
            closer.shutdownNow();
        }
        assertEquals(List.of(), List.copyOf(unexpected));
        assertEquals(0, foreignBytes.get(), "bytes of another connection were read");
        assertTrue(verifiedBytes.get() > TRIALS * PAIRS, "bytes crossed: " + verifiedBytes.get());
        assertTrue(trialsByFd.values().stream().anyMatch(n -> n > 1), "descriptor numbers were reused");
        // every socket of the 150 trials was given back (a few descriptors of the test runner may come and go)
        assertTrue(openDescriptors() <= fdsBefore + 4, "descriptors leaked: " + fdsBefore + " -> " + openDescriptors());
    }

    private static long openDescriptors() throws IOException {
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private void closeAll(List<AsynchronousSocketChannel> channels) {
        for (AsynchronousSocketChannel c : channels) {
            try {
                c.close();
            } catch (IOException e) {
                unexpected.add(e);
            }
        }
    }

    /** What a loop may end with once its channel or its peer was closed. */
    private void ended(Throwable failure) {
        if (failure instanceof ClosedChannelException) {
            return; // AsynchronousCloseException included
        }
        if (failure instanceof IOException && failure.getCause() instanceof io.liouring.UringException u
                && (u.errno() == io.liouring.Errno.ECONNRESET || u.errno() == io.liouring.Errno.EPIPE)) {
            return; // the peer was closed with bytes unread
        }
        unexpected.add(failure);
    }

    private static ByteBuffer buffer(boolean direct) {
        return direct ? ByteBuffer.allocateDirect(PATTERN_BYTES) : ByteBuffer.allocate(PATTERN_BYTES);
    }

    /** Writes its id's tag until the channel fails. */
    private final class Writer implements CompletionHandler<Integer, Void> {
        private final AsynchronousSocketChannel channel;
        private final ByteBuffer tagged;
        private final CountDownLatch finished;

        Writer(AsynchronousSocketChannel channel, int id, boolean direct, CountDownLatch finished) {
            this.channel = channel;
            this.tagged = buffer(direct);
            while (tagged.hasRemaining()) {
                tagged.putInt(id);
            }
            tagged.flip();
            this.finished = finished;
        }

        void start() {
            channel.write(tagged, 0, TimeUnit.SECONDS, null, this);
        }

        @Override
        public void completed(Integer n, Void attachment) {
            if (!tagged.hasRemaining()) {
                tagged.clear(); // a whole pattern went: the stream stays aligned to the tag
            }
            try {
                channel.write(tagged, 0, TimeUnit.SECONDS, null, this);
            } catch (RuntimeException e) {
                unexpected.add(e);
                finished.countDown();
            }
        }

        @Override
        public void failed(Throwable exc, Void attachment) {
            ended(exc);
            finished.countDown();
        }
    }

    /** Reads until end of stream or failure, checking every byte against the peer's tag. */
    private final class Reader implements CompletionHandler<Integer, Void> {
        private final AsynchronousSocketChannel channel;
        private final byte[] tag;
        private final ByteBuffer in;
        private final CountDownLatch arrived;
        private final CountDownLatch finished;
        private long offset;

        Reader(AsynchronousSocketChannel channel, int peerId, boolean direct, CountDownLatch arrived,
               CountDownLatch finished) {
            this.channel = channel;
            this.tag = ByteBuffer.allocate(4).putInt(peerId).array();
            this.in = buffer(direct);
            this.arrived = arrived;
            this.finished = finished;
        }

        void start() {
            channel.read(in, 0, TimeUnit.SECONDS, null, this);
        }

        @Override
        public void completed(Integer n, Void attachment) {
            if (n < 0) {
                finished.countDown();
                return;
            }
            in.flip();
            while (in.hasRemaining()) {
                if (in.get() != tag[(int) (offset++ & 3)]) {
                    foreignBytes.incrementAndGet();
                }
            }
            verifiedBytes.addAndGet(n);
            in.clear();
            arrived.countDown();
            try {
                channel.read(in, 0, TimeUnit.SECONDS, null, this);
            } catch (RuntimeException e) {
                unexpected.add(e);
                finished.countDown();
            }
        }

        @Override
        public void failed(Throwable exc, Void attachment) {
            ended(exc);
            finished.countDown();
        }
    }
}
