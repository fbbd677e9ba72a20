package io.liouring.net;

import io.liouring.SocketOptions;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.buffer.BufferRing;
import io.liouring.struct.SockAddrIn;
import io.liouring.testing.ProcessResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A slow consumer does not grow memory without bound. A sender floods a TCP connection with a 128 MiB stream, one
 * write in flight at a time; the receiving application takes the first MiB and then stops reading. The sender is
 * held back — its write stays pending, and what it got rid of beyond what was read fits in the two kernel socket
 * buffers (set to 64 KiB) — while the process's resident memory stays within 32 MiB of where it was (a library that buffered the
 * stream would need 127 MiB more). When the application reads again, every byte arrives, in order, intact.
 * Both ways to receive: reads the application pulls, and a multishot receive over a provided-buffer ring, stopped
 * and started again.
 */
class SlowConsumerTest {
    private static final long STREAM = 128L << 20;
    private static final long FIRST_PART = 1L << 20;
    private static final int SOCKET_BUFFER = 64 * 1024;
    private static final int CHUNK = 256 * 1024;
    private static final long RESIDENT_BOUND = 32L << 20;
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private EventLoop loop;
    private Connection sender;
    private Connection receiver;
    private StreamPattern pattern;
    private Flood flood;
    private BufferRing buffers;
    private long residentBefore;

    /** Sends {@link #STREAM} bytes of the pattern with one write in flight at a time, then ends the stream. */
    private static final class Flood {
        final AtomicLong written = new AtomicLong();
        final AtomicReference<IoFuture<Integer>> lastWrite = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread;

        Flood(Connection sender, StreamPattern pattern) {
            thread = Thread.ofVirtual().name("flood").start(() -> {
                try {
                    for (long at = 0; at < STREAM; written.set(at)) {
                        IoFuture<Integer> write = sender.writeAsync(pattern.at(at, Math.min(CHUNK, STREAM - at)));
                        lastWrite.set(write);
                        at += write.await();
                    }
                    sender.shutdownOutput();
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
        }

        /** Waits until the sender has made no progress for half a second: the socket buffers are full. */
        long awaitStall() throws InterruptedException {
            long last = -1;
            for (int quiet = 0; quiet < 10; ) {
                Thread.sleep(50);
                long now = written.get();
                quiet = now == last ? quiet + 1 : 0;
                last = now;
            }
            return last;
        }
    }

    @BeforeEach
    void connect() throws Exception {
        loop = EventLoop.open();
        try (Listener listener = Listener.bind(loop, SockAddrIn.loopback(0))) {
            IoFuture<Connection> accepted = listener.acceptAsync();
            sender = Connection.connect(loop, SockAddrIn.loopback(((SockAddrIn) listener.localAddress()).port()));
            receiver = accepted.get(5, TimeUnit.SECONDS);
        }
        sender.setSendBufferSize(SOCKET_BUFFER);
        receiver.setReceiveBufferSize(SOCKET_BUFFER);
        pattern = new StreamPattern(8);
    }

    @AfterEach
    void close() throws Exception {
        sender.close(); // cancels a write still waiting, if a test failed
        receiver.close();
        if (flood != null) {
            flood.thread.join(HANG_GUARD);
        }
        if (buffers != null) {
            loop.runOnLoop(ring -> {
                buffers.close();
                return null;
            }).get(5, TimeUnit.SECONDS);
        }
        loop.close();
        pattern.close();
    }

    private void startFlood() {
        residentBefore = ProcessResources.residentBytes();
        flood = new Flood(sender, pattern);
    }

    /**
     * The sender is stalled with its write pending; the bytes sent but not read fit in the kernel (twice what the two
     * socket buffers report: the kernel may overshoot its limit by a segment); memory did not grow.
     */
    private void assertHeldBack(long received) throws InterruptedException, IOException {
        long written = flood.awaitStall();
        long kernelBuffers = 2L * (sender.getOption(SocketOptions.SO_SNDBUF) + receiver.getOption(SocketOptions.SO_RCVBUF));
        long residentGrowth = ProcessResources.residentBytes() - residentBefore;
        assertAll(
                () -> assertFalse(flood.lastWrite.get().isDone(), "the sender's write waits for room"),
                () -> assertTrue(written - received <= kernelBuffers, (written - received)
                        + " bytes sent but not read, more than the socket buffers hold: " + kernelBuffers),
                () -> assertTrue(residentGrowth <= RESIDENT_BOUND,
                        "resident memory grew by " + (residentGrowth >> 10) + " KiB while the consumer did not read"));
    }

    private void assertWholeStreamArrived(StreamPattern.Check check) throws InterruptedException {
        assertTrue(flood.thread.join(HANG_GUARD), "the sender finished");
        assertNull(flood.failure.get(), "the sender failed");
        assertEquals(STREAM, check.received(), "bytes received");
    }

    /** Pulls bytes with {@link Connection#read} into {@code check} until it has {@code until} or the stream ends. */
    private static void readUntil(Connection connection, StreamPattern.Check check, long until) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(CHUNK);
            for (int n; check.received() < until && (n = connection.read(buffer)) > 0; ) {
                check.accept(buffer.asSlice(0, n));
            }
        }
    }

    private static void awaitAtLeast(LongSupplier value, long target) throws InterruptedException {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (value.getAsLong() < target && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void aSenderIsHeldBackWhileThePeerDoesNotReadAndEveryByteArrivesWhenItReadsAgain() throws Exception {
        StreamPattern.Check check = pattern.check();
        startFlood();
        readUntil(receiver, check, FIRST_PART);

        assertHeldBack(check.received());

        readUntil(receiver, check, Long.MAX_VALUE);
        assertWholeStreamArrived(check);
    }

    @Test
    void aSenderIsHeldBackWhileAMultishotReceiveIsStoppedAndEveryByteArrivesWhenItStartsAgain() throws Exception {
        // 4 buffers of 4 KiB: the ring runs dry under the flood, so the receive is re-armed again and again
        buffers = loop.runOnLoop(ring -> ring.registerBufferRing(11, 4, 4096)).get(5, TimeUnit.SECONDS);
        StreamPattern.Check check = pattern.check();
        startFlood();
        Receiving first = receiver.receiveEach(buffers, check);
        awaitAtLeast(check::received, FIRST_PART);
        first.stop();
        long firstPart = first.done().get(5, TimeUnit.SECONDS);
        assertEquals(check.received(), firstPart, "bytes the first receive handed over");

        assertHeldBack(check.received());
        for (int id = 0; id < buffers.count(); id++) {
            assertTrue(buffers.isWithKernel(id), "buffer " + id + " is back in the ring: the loop holds no data");
        }

        Receiving rest = receiver.receiveEach(buffers, check);
        assertEquals(STREAM - firstPart, rest.done().get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS),
                "bytes the second receive handed over");
        assertWholeStreamArrived(check);
    }
}
