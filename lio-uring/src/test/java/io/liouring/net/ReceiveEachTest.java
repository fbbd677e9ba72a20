package io.liouring.net;

import io.liouring.Errno;
import io.liouring.Feature;
import io.liouring.async.EventLoop;
import io.liouring.buffer.BufferRing;
import io.liouring.struct.SockAddrIn;
import io.liouring.testing.IoFailures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Multishot receives through a provided-buffer ring: every byte in order, bounded by the ring. */
class ReceiveEachTest {
    private EventLoop loop;
    private BufferRing buffers;
    private Listener listener;
    private Connection client;
    private Connection server;

    @BeforeEach
    void connect() throws Exception {
        loop = EventLoop.open();
        // 8 buffers of 4 KiB: far less than the data, so the ring runs dry and the receive is re-armed
        buffers = loop.runOnLoop(ring -> ring.registerBufferRing(7, 8, 4096)).get(5, TimeUnit.SECONDS);
        listener = Listener.bind(loop, SockAddrIn.loopback(0));
        var accepted = listener.acceptAsync();
        client = Connection.connect(loop, SockAddrIn.loopback(((SockAddrIn) listener.localAddress()).port()));
        server = accepted.get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
        client.close();
        server.close();
        listener.close();
        loop.runOnLoop(ring -> {
            buffers.close();
            return null;
        }).get(5, TimeUnit.SECONDS);
        loop.close();
    }

    private byte[] sendAndReceive(boolean bundles) throws Exception {
        int size = 2 << 20;
        byte[] data = new byte[size];
        new java.util.Random(3).nextBytes(data);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        Receiving receiving = server.receiveEach(buffers, segment -> received.write(segment.toArray(JAVA_BYTE), 0,
                (int) segment.byteSize()), bundles);
        assertEquals(bundles, receiving.usesBundles());
        CompletableFuture.runAsync(() -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment out = arena.allocate(size);
                MemorySegment.copy(data, 0, out, JAVA_BYTE, 0, size);
                client.writeFully(out);
                client.shutdownOutput();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, r -> Thread.ofVirtual().start(r)).get(10, TimeUnit.SECONDS);
        assertEquals(size, receiving.done().get(10, TimeUnit.SECONDS), "done at end of stream with the byte count");
        byte[] got;
        synchronized (received) {
            got = received.toByteArray();
        }
        assertArrayEquals(data, got);
        for (int id = 0; id < buffers.count(); id++) {
            assertTrue(buffers.isWithKernel(id), "buffer " + id + " went back to the ring");
        }
        return got;
    }

    @Test
    void everyByteArrivesInOrderOneBufferPerCompletion() throws Exception {
        sendAndReceive(false);
    }

    @Test
    void everyByteArrivesInOrderInBundles() throws Exception {
        Assumptions.assumeTrue(loop.features().contains(Feature.RECVSEND_BUNDLE), "bundles need Linux 6.10");
        sendAndReceive(true);
    }

    @Test
    void stopCancelsTheReceiveInTheKernel() throws Exception {
        Receiving receiving = server.receiveEach(buffers, segment -> { });
        while (loop.inFlight() < 1) {
            Thread.sleep(2);
        }
        receiving.stop();
        assertEquals(0L, receiving.done().get(5, TimeUnit.SECONDS));
        assertEquals(0, loop.inFlight());
    }

    @Test
    void stopBeforeTheReceiveReachesTheKernelStillEndsTheStream() throws Exception {
        // on the loop thread the new request waits in the hand-over queue, so stop() cancels it before the kernel
        // sees it: no completion will ever come (as when stop() races with the re-arm after ENOBUFS)
        Receiving receiving = loop.runOnLoop(ring -> {
            Receiving queued;
            try {
                queued = server.receiveEach(buffers, segment -> { });
            } catch (ClosedChannelException e) {
                throw new UncheckedIOException(e);
            }
            queued.stop();
            return queued;
        }).get(5, TimeUnit.SECONDS);
        assertEquals(0L, receiving.done().get(5, TimeUnit.SECONDS));
        assertEquals(0, loop.inFlight());
    }

    @Test
    void aThrowingReceiverStopsTheStreamAndFailsIt() throws Exception {
        IllegalStateException boom = new IllegalStateException("receiver failed");
        Receiving receiving = server.receiveEach(buffers, segment -> {
            throw boom;
        });
        try (Arena arena = Arena.ofConfined()) {
            client.writeFully(arena.allocate(100));
        }
        ExecutionException e = assertThrows(ExecutionException.class, () -> receiving.done().get(5, TimeUnit.SECONDS));
        assertSame(boom, e.getCause());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (loop.inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertEquals(0, loop.inFlight(), "the receive was cancelled in the kernel");
        for (int id = 0; id < buffers.count(); id++) {
            assertTrue(buffers.isWithKernel(id), "buffer " + id + " went back to the ring");
        }
    }

    @Test
    void thePeerClosingEndsTheStream() throws Exception {
        Receiving receiving = server.receiveEach(buffers, segment -> { });
        client.close();
        assertEquals(0L, receiving.done().get(5, TimeUnit.SECONDS));
    }

    @Test
    void aResetConnectionFailsTheStreamWithEconnreset() throws Exception {
        Receiving receiving = server.receiveEach(buffers, segment -> { });
        MemorySegment linger = Arena.ofAuto().allocate(8);
        linger.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, 1); // l_onoff
        linger.set(java.lang.foreign.ValueLayout.JAVA_INT, 4, 0); // l_linger: 0 s, so close() resets
        loop.callResult(new io.liouring.operation.SetSockOpt(client.fd(), io.liouring.SocketOptions.SOL_SOCKET,
                io.liouring.SocketOptions.SO_LINGER, linger));
        client.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> receiving.done().get(5, TimeUnit.SECONDS));
        assertInstanceOf(SocketException.class, e.getCause(), "a failed receive is a SocketException");
        assertEquals(Errno.ECONNRESET, IoFailures.errnoOfFuture(e));
    }
}
