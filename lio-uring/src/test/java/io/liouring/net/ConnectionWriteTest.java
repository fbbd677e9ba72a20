package io.liouring.net;

import io.liouring.AddressFamily;
import io.liouring.Fd;
import io.liouring.SocketType;
import io.liouring.async.EventLoop;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blocking sends ({@link Connection#write}, {@link Connection#writeFully}): every byte arrives once and in order, also
 * behind an asynchronous send still pending and when the socket takes a large buffer in pieces; a closed peer is an
 * EPIPE, a closed connection a {@link ClosedChannelException}.
 */
class ConnectionWriteTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final EventLoop loop = EventLoop.open();
    private final Arena arena = Arena.ofShared();

    @AfterEach
    void close() {
        loop.close();
        arena.close();
    }

    private MemorySegment pattern(int size, int seed) {
        MemorySegment s = arena.allocate(size);
        for (int i = 0; i < size; i++) {
            s.set(JAVA_BYTE, i, (byte) (seed + i * 31));
        }
        return s;
    }

    private static byte[] bytesOf(MemorySegment s) {
        return s.toArray(JAVA_BYTE);
    }

    /** Holds the loop thread until the returned latch is counted down. */
    private CountDownLatch holdLoop() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            held.countDown();
            try {
                release.await(2 * WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(held.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        return release;
    }

    @Test
    void aBufferLargerThanTheSocketTakesArrivesWholeAndInOrder() throws Exception {
        int[] pair = SocketNative.socketPair(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM);
        try (Connection c = Connection.of(loop, pair[0])) {
            int size = 8 << 20; // far more than a socket buffer: sent in several pieces
            MemorySegment data = pattern(size, 3);
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(
                    () -> SocketNative.readExactly(pair[1], size, WAIT));
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    c.writeFully(data);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertArrayEquals(bytesOf(data), received.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertTrue(writer.join(WAIT));
        } finally {
            Fd.close(pair[1]);
        }
    }

    @Test
    void aBlockingSendWaitsBehindAnAsynchronousSendStillPending() throws Exception {
        int[] pair = SocketNative.socketPair(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM);
        try (Connection c = Connection.of(loop, pair[0])) {
            MemorySegment first = pattern(64, 1);
            MemorySegment second = pattern(64, 2);
            CountDownLatch release = holdLoop();
            var pending = c.writeAsync(first); // handed over, not yet in the kernel: the loop is held
            CompletableFuture<Void> blocking = CompletableFuture.runAsync(() -> {
                try {
                    c.writeFully(second);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (c.handle.inFlight() < 2 && System.nanoTime() < deadline) { // the blocking send is pending too
                Thread.onSpinWait();
            }
            assertEquals(2, c.handle.inFlight(), "the blocking send waits behind the pending one");
            release.countDown();
            assertEquals(64, pending.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            blocking.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            byte[] expected = new byte[128];
            System.arraycopy(bytesOf(first), 0, expected, 0, 64);
            System.arraycopy(bytesOf(second), 0, expected, 64, 64);
            assertArrayEquals(expected, SocketNative.readExactly(pair[1], 128, WAIT));
        } finally {
            Fd.close(pair[1]);
        }
    }

    @Test
    void aSendToAClosedPeerFailsWithTheErrnoNotASignal() throws Exception {
        int[] pair = SocketNative.socketPair(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM);
        Fd.close(pair[1]);
        try (Connection c = Connection.of(loop, pair[0])) {
            SocketException e = assertThrows(SocketException.class, () -> c.writeFully(pattern(16, 0)));
            assertTrue(e.getMessage().contains("EPIPE") || e.getMessage().contains("Broken pipe"), e.getMessage());
            assertThrows(SocketException.class, () -> c.write(pattern(16, 0)));
        }
    }

    @Test
    void aSendOnAClosedConnectionIsRefused() throws Exception {
        int[] pair = SocketNative.socketPair(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM);
        try {
            Connection c = Connection.of(loop, pair[0]);
            c.close();
            assertThrows(ClosedChannelException.class, () -> c.write(pattern(16, 0)));
            assertThrows(ClosedChannelException.class, () -> c.writeFully(pattern(16, 0)));
        } finally {
            Fd.close(pair[1]);
        }
    }
}
