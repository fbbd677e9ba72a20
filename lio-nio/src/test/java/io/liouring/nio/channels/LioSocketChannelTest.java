package io.liouring.nio.channels;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.ReadPendingException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.nio.channels.WritePendingException;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.liouring.nio.channels.Loopback.await;
import static io.liouring.nio.channels.Loopback.pattern;
import static io.liouring.nio.channels.Loopback.readFully;
import static io.liouring.nio.channels.Loopback.writeFully;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LioSocketChannelTest extends GroupFixture {

    @Test
    void directBuffersCrossTheSocketBothWays() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            assertInstanceOf(LioSocketChannel.class, pair.client);
            byte[] data = pattern(10_000, 1);
            writeFully(pair.client, ByteBuffer.allocateDirect(data.length).put(data).flip());
            ByteBuffer in = ByteBuffer.allocateDirect(data.length);
            readFully(pair.accepted, in);
            byte[] got = new byte[data.length];
            in.flip().get(got);
            assertArrayEquals(data, got);

            writeFully(pair.accepted, ByteBuffer.wrap(data));
            ByteBuffer back = ByteBuffer.allocateDirect(data.length);
            readFully(pair.client, back);
            assertEquals(0, back.flip().compareTo(ByteBuffer.wrap(data)));
        }
    }

    @Test
    void heapBuffersArriveWholeWhetherSentAtOnceOrThroughTheRing() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            // more than the socket buffers hold: some writes find no room and wait in the ring, copied through
            // native chunks; the reader, started first, waits in the ring the same way
            byte[] data = pattern(16 << 20, 2);
            ByteBuffer in = ByteBuffer.allocate(data.length);
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                try {
                    readFully(pair.accepted, in);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            ByteBuffer out = ByteBuffer.wrap(data);
            while (out.hasRemaining()) {
                int before = out.position();
                int n = await(pair.client.write(out));
                assertEquals(before + n, out.position(), "position moves by the bytes written");
            }
            reader.get(Loopback.WAIT_SECONDS, TimeUnit.SECONDS);
            assertArrayEquals(data, in.array());
            assertTrue(((LioChannelGroup) group).chunks().cached() > 0, "some transfers went through chunks");
        }
    }

    @Test
    void segmentBackedBuffersGoToTheKernelAndBack() throws Exception {
        try (Loopback pair = Loopback.connect(group); Arena arena = Arena.ofShared()) {
            MemorySegment src = arena.allocate(4096);
            src.copyFrom(MemorySegment.ofArray(pattern(4096, 3)));
            writeFully(pair.client, src.asByteBuffer());
            MemorySegment dst = arena.allocate(4096);
            readFully(pair.accepted, dst.asByteBuffer());
            assertEquals(-1, src.mismatch(dst));
        }
    }

    @Test
    void ipv6LoopbackWorksAndAddressesAreReported() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        Loopback pair;
        try {
            pair = Loopback.connect(group, v6);
        } catch (ExecutionException | java.io.IOException e) {
            assumeTrue(false, "no IPv6 loopback here: " + e);
            return;
        }
        try (pair) {
            InetSocketAddress local = (InetSocketAddress) pair.client.getLocalAddress();
            InetSocketAddress remote = (InetSocketAddress) pair.client.getRemoteAddress();
            assertInstanceOf(Inet6Address.class, remote.getAddress());
            assertEquals(pair.server.getLocalAddress(), remote);
            assertEquals(local, pair.accepted.getRemoteAddress());
            writeFully(pair.client, ByteBuffer.wrap(new byte[]{6, 6}));
            ByteBuffer in = ByteBuffer.allocate(2);
            readFully(pair.accepted, in);
            assertArrayEquals(new byte[]{6, 6}, in.array());
        }
    }

    @Test
    void ipv4AddressesComeBackAsIpv4() throws Exception {
        try (Loopback pair = Loopback.connect(group, InetAddress.getByName("127.0.0.1"))) {
            InetSocketAddress remote = (InetSocketAddress) pair.client.getRemoteAddress();
            assertEquals(InetAddress.getByName("127.0.0.1"), remote.getAddress());
            assertEquals(pair.server.getLocalAddress(), remote);
            assertEquals(pair.client.getLocalAddress(), pair.accepted.getRemoteAddress());
        }
    }

    @Test
    void scatteringAndGatheringHonourOffsetAndLength() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            ByteBuffer skipped = ByteBuffer.wrap(new byte[]{99});
            ByteBuffer a = ByteBuffer.allocateDirect(3).put(new byte[]{1, 2, 3}).flip();
            ByteBuffer b = ByteBuffer.wrap(new byte[]{4, 5});
            ByteBuffer[] srcs = {skipped, a, b, skipped};
            long written = gather(pair.client, srcs, 1, 2);
            assertEquals(5, written);
            assertEquals(0, a.remaining());
            assertEquals(0, b.remaining());
            assertEquals(0, skipped.position(), "buffers outside offset/length are untouched");

            ByteBuffer x = ByteBuffer.allocate(2);
            ByteBuffer y = ByteBuffer.allocateDirect(3);
            ByteBuffer untouched = ByteBuffer.allocate(4);
            long read = 0;
            while (read < 5) {
                read += scatter(pair.accepted, new ByteBuffer[]{untouched, x, y}, 1, 2);
            }
            assertEquals(0, untouched.position());
            assertArrayEquals(new byte[]{1, 2}, x.array());
            byte[] rest = new byte[3];
            y.flip().get(rest);
            assertArrayEquals(new byte[]{3, 4, 5}, rest);
        }
    }

    @Test
    void anEmptyHeapBufferAmongOthersIsSkippedNotTheEndOfTheGather() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            ByteBuffer[] srcs = {ByteBuffer.wrap(new byte[]{1}), ByteBuffer.allocate(0), ByteBuffer.wrap(new byte[]{2, 3})};
            long written = 0;
            while (written < 3) {
                written += gather(pair.client, srcs, 0, 3);
            }
            ByteBuffer in = ByteBuffer.allocate(3);
            readFully(pair.accepted, in);
            assertArrayEquals(new byte[]{1, 2, 3}, in.array());
        }
    }

    @Test
    void cancellingTwiceHasNoFurtherEffect() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            Future<Integer> pending = pair.client.read(ByteBuffer.allocate(8));
            assertTrue(pending.cancel(false));
            assertFalse(pending.cancel(true), "already cancelled");
            assertTrue(pending.isCancelled());
            assertTrue(pair.client.isOpen(), "the second cancel(true) did not close the channel");
        }
    }

    @Test
    void scatteringAllDirectBuffersUsesThemInPlace() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            writeFully(pair.client, ByteBuffer.wrap(pattern(300, 4)));
            ByteBuffer[] dsts = {ByteBuffer.allocateDirect(100), ByteBuffer.allocateDirect(200)};
            long read = 0;
            while (read < 300) {
                read += scatter(pair.accepted, dsts, 0, 2);
            }
            byte[] got = new byte[300];
            dsts[0].flip().get(got, 0, 100);
            dsts[1].flip().get(got, 100, 200);
            assertArrayEquals(pattern(300, 4), got);
        }
    }

    /**
     * What Tomcat's NIO2 connector does to a channel under load (issue 16's Tomcat run): heap buffers of 8 KiB written
     * while a read is pending on the same channel, through send buffers so small that most writes are partial or
     * must wait in the ring, both ends at once. Every byte arrives, in order, on both sides.
     */
    @Test
    void heapWritesAlongsideAPendingReadDeliverEveryByteThroughSmallSocketBuffers() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            for (AsynchronousSocketChannel c : java.util.List.of(pair.client, pair.accepted)) {
                c.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
                c.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            }
            int total = 2 << 20;
            byte[] up = pattern(total, 1);
            byte[] down = pattern(total, 2);
            CompletableFuture<byte[]> atServer = receive(pair.accepted, total);
            CompletableFuture<byte[]> atClient = receive(pair.client, total);
            CompletableFuture<Void> sentUp = send(pair.client, up);
            CompletableFuture<Void> sentDown = send(pair.accepted, down);
            sentUp.get(Loopback.WAIT_SECONDS, TimeUnit.SECONDS);
            sentDown.get(Loopback.WAIT_SECONDS, TimeUnit.SECONDS);
            assertArrayEquals(up, atServer.get(Loopback.WAIT_SECONDS, TimeUnit.SECONDS));
            assertArrayEquals(down, atClient.get(Loopback.WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }

    /** Writes {@code data} in 8 KiB heap buffers, each continued from the handler until it has all gone. */
    private static CompletableFuture<Void> send(AsynchronousSocketChannel c, byte[] data) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        new CompletionHandler<Integer, ByteBuffer>() {
            void writeFrom(ByteBuffer b) {
                c.write(b, 0, TimeUnit.SECONDS, b, this);
            }

            @Override
            public void completed(Integer n, ByteBuffer b) {
                if (b.hasRemaining()) {
                    writeFrom(b); // a partial write: the rest of the same buffer
                } else if (b.position() == data.length) {
                    done.complete(null);
                } else {
                    writeFrom(ByteBuffer.wrap(data, b.position(), Math.min(8192, data.length - b.position())));
                }
            }

            @Override
            public void failed(Throwable exc, ByteBuffer b) {
                done.completeExceptionally(exc);
            }
        }.writeFrom(ByteBuffer.wrap(data, 0, Math.min(8192, data.length)));
        return done;
    }

    /** Reads exactly {@code total} bytes through a 16 KiB heap buffer, a read always pending until then. */
    private static CompletableFuture<byte[]> receive(AsynchronousSocketChannel c, int total) {
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream(total);
        ByteBuffer in = ByteBuffer.allocate(16 << 10);
        c.read(in, 0, TimeUnit.SECONDS, null, new CompletionHandler<Integer, Void>() {
            @Override
            public void completed(Integer n, Void nothing) {
                if (n < 0) {
                    done.completeExceptionally(new AssertionError("end of stream after " + got.size() + " bytes"));
                    return;
                }
                got.write(in.array(), 0, in.position());
                in.clear();
                if (got.size() >= total) {
                    done.complete(got.toByteArray());
                } else {
                    c.read(in, 0, TimeUnit.SECONDS, null, this);
                }
            }

            @Override
            public void failed(Throwable exc, Void nothing) {
                done.completeExceptionally(exc);
            }
        });
        return done;
    }

    private static long gather(AsynchronousSocketChannel c, ByteBuffer[] srcs, int offset, int length) throws Exception {
        CompletableFuture<Long> done = new CompletableFuture<>();
        c.write(srcs, offset, length, 0, TimeUnit.SECONDS, null, handler(done));
        return done.get(Loopback.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static long scatter(AsynchronousSocketChannel c, ByteBuffer[] dsts, int offset, int length) throws Exception {
        CompletableFuture<Long> done = new CompletableFuture<>();
        c.read(dsts, offset, length, 0, TimeUnit.SECONDS, null, handler(done));
        return done.get(Loopback.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    static <V> CompletionHandler<V, Object> handler(CompletableFuture<V> done) {
        return new CompletionHandler<>() {
            @Override
            public void completed(V result, Object attachment) {
                done.complete(result);
            }

            @Override
            public void failed(Throwable exc, Object attachment) {
                done.completeExceptionally(exc);
            }
        };
    }

    @Test
    void aReadThatTimesOutFailsAndLaterReadsAreRefused() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            CompletableFuture<Integer> done = new CompletableFuture<>();
            ByteBuffer dst = ByteBuffer.allocate(10);
            pair.client.read(dst, 50, TimeUnit.MILLISECONDS, null, handler(done));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> done.get(Loopback.WAIT_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(InterruptedByTimeoutException.class, e.getCause());
            assertEquals(0, dst.position(), "a failed read leaves the position alone");
            assertThrows(IllegalStateException.class, () -> pair.client.read(ByteBuffer.allocate(1)));
            // writing still works after a read timed out
            writeFully(pair.client, ByteBuffer.wrap(new byte[]{7}));
            ByteBuffer one = ByteBuffer.allocate(1);
            readFully(pair.accepted, one);
            assertEquals(7, one.get(0));
        }
    }

    @Test
    void aWriteThatTimesOutFailsAndLaterWritesAreRefused() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            ByteBuffer big = ByteBuffer.allocateDirect(1 << 20);
            CompletableFuture<Integer> done;
            while (true) { // the peer never reads: once the buffers are full a write waits until its deadline
                done = new CompletableFuture<>();
                pair.client.write(big.clear(), 200, TimeUnit.MILLISECONDS, null, handler(done));
                try {
                    done.get(Loopback.WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    assertInstanceOf(InterruptedByTimeoutException.class, e.getCause());
                    break;
                }
            }
            assertEquals(0, big.position(), "a failed write leaves the position alone");
            assertThrows(IllegalStateException.class, () -> pair.client.write(ByteBuffer.allocate(1)));
            // reading still works after a write timed out
            writeFully(pair.accepted, ByteBuffer.wrap(new byte[]{8}));
            ByteBuffer one = ByteBuffer.allocate(1);
            readFully(pair.client, one);
            assertEquals(8, one.get(0));
        }
    }

    @Test
    void aPendingWriteFailsWithAsynchronousCloseExceptionAtClose() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            ByteBuffer big = ByteBuffer.allocateDirect(1 << 20);
            Future<Integer> pending;
            while (true) {
                pending = pair.client.write(big.clear());
                try {
                    pending.get(500, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException waitsForThePeer) {
                    break;
                }
            }
            pair.client.close();
            Future<Integer> closed = pending;
            ExecutionException e = assertThrows(ExecutionException.class, () -> await(closed));
            assertInstanceOf(AsynchronousCloseException.class, e.getCause());
        }
    }

    @Test
    void aSecondReadWhileOneIsPendingIsRefused() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            Future<Integer> first = pair.client.read(ByteBuffer.allocate(4));
            assertThrows(ReadPendingException.class, () -> pair.client.read(ByteBuffer.allocate(4)));
            writeFully(pair.accepted, ByteBuffer.wrap(new byte[]{1, 2, 3, 4}));
            assertEquals(4, await(first));
            assertNotPendingAnyMore(pair);
        }
    }

    private static void assertNotPendingAnyMore(Loopback pair) throws Exception {
        Future<Integer> next = pair.client.read(ByteBuffer.allocate(1));
        writeFully(pair.accepted, ByteBuffer.wrap(new byte[]{5}));
        assertEquals(1, await(next));
    }

    @Test
    void aSecondWriteWhileOneIsPendingIsRefused() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            pair.client.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
            ByteBuffer big = ByteBuffer.allocateDirect(8 << 20);
            Future<Integer> pending = pair.client.write(big);
            long sent = 0;
            while (true) { // the first writes fill the buffers; one finally waits for the peer, which never reads
                try {
                    sent += pending.get(500, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException waitsForThePeer) {
                    break;
                }
                pending = pair.client.write(big);
            }
            assertThrows(WritePendingException.class, () -> pair.client.write(ByteBuffer.allocate(1)));
            ByteBuffer sink = ByteBuffer.allocateDirect(1 << 16);
            long drained = 0;
            // read until the waiting write has completed and every byte sent has arrived; a read started just before
            // the write completes may wait for bytes that never come, so it is given up once everything is there
            while (!pending.isDone() || drained < sent + pending.get()) {
                sink.clear();
                Future<Integer> read = pair.accepted.read(sink);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Loopback.WAIT_SECONDS);
                while (true) {
                    try {
                        drained += read.get(100, TimeUnit.MILLISECONDS);
                        break;
                    } catch (java.util.concurrent.TimeoutException stillWaiting) {
                        if (pending.isDone() && drained == sent + pending.get()) {
                            break; // nothing more will come
                        }
                        assertTrue(System.nanoTime() < deadline, "the bytes of the waiting write never arrived");
                    }
                }
            }
            assertTrue(await(pending) > 0);
            assertEquals(sent + pending.get(), drained);
        }
    }

    @Test
    void readAndWriteBeforeConnectingAreRefused() throws Exception {
        try (AsynchronousSocketChannel c = AsynchronousSocketChannel.open(group)) {
            assertThrows(NotYetConnectedException.class, () -> c.read(ByteBuffer.allocate(1)));
            assertThrows(NotYetConnectedException.class, () -> c.write(ByteBuffer.allocate(1)));
            assertThrows(NotYetConnectedException.class, c::shutdownInput);
            assertNull(c.getRemoteAddress());
            assertNull(c.getLocalAddress());
        }
    }

    @Test
    void connectTwiceIsRefused() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            assertThrows(AlreadyConnectedException.class, () -> pair.client.connect(pair.server.getLocalAddress()));
        }
    }

    @Test
    void badAddressesAreRefusedAsTheJdkDoes() throws Exception {
        try (AsynchronousSocketChannel c = AsynchronousSocketChannel.open(group)) {
            assertThrows(UnresolvedAddressException.class,
                    () -> c.connect(InetSocketAddress.createUnresolved("nowhere.invalid", 80)));
            assertThrows(UnsupportedAddressTypeException.class,
                    () -> c.connect(new java.net.SocketAddress() {
                    }));
            assertThrows(NullPointerException.class, () -> c.connect(null));
        }
    }

    @Test
    void aRefusedConnectFailsWithConnectExceptionAndClosesTheChannel() throws Exception {
        InetSocketAddress unused;
        try (var probe = java.nio.channels.ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            unused = (InetSocketAddress) probe.getLocalAddress();
        }
        AsynchronousSocketChannel c = AsynchronousSocketChannel.open(group);
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(c.connect(unused)));
        assertInstanceOf(java.net.ConnectException.class, e.getCause());
        assertFalse(c.isOpen());
    }

    @Test
    void operationsOnAClosedChannelFailWithClosedChannelException() throws Exception {
        Loopback pair = Loopback.connect(group);
        pair.close();
        ExecutionException r = assertThrows(ExecutionException.class, () -> await(pair.client.read(ByteBuffer.allocate(1))));
        assertInstanceOf(ClosedChannelException.class, r.getCause());
        ExecutionException w = assertThrows(ExecutionException.class, () -> await(pair.client.write(ByteBuffer.allocate(1))));
        assertInstanceOf(ClosedChannelException.class, w.getCause());
        CompletableFuture<Integer> viaHandler = new CompletableFuture<>();
        pair.client.read(ByteBuffer.allocate(1), 0, TimeUnit.SECONDS, null, handler(viaHandler));
        ExecutionException h = assertThrows(ExecutionException.class,
                () -> viaHandler.get(Loopback.WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(ClosedChannelException.class, h.getCause());
        assertThrows(ClosedChannelException.class, pair.client::getLocalAddress);
        assertThrows(ClosedChannelException.class, () -> pair.client.getOption(StandardSocketOptions.TCP_NODELAY));
    }

    @Test
    void whatIsPendingAtCloseFailsWithAsynchronousCloseException() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            Future<Integer> pending = pair.client.read(ByteBuffer.allocateDirect(16));
            pair.client.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> await(pending));
            assertInstanceOf(AsynchronousCloseException.class, e.getCause());
            // the peer sees the close as end of stream
            assertEquals(-1, await(pair.accepted.read(ByteBuffer.allocate(1))));
        }
    }

    @Test
    void shutdownInputMakesReadsReturnEndOfStream() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            Future<Integer> pending = pair.client.read(ByteBuffer.allocate(8));
            pair.client.shutdownInput();
            assertEquals(-1, await(pending));
            assertEquals(-1, await(pair.client.read(ByteBuffer.allocate(8))));
        }
    }

    @Test
    void shutdownOutputSendsEndOfStreamAndRefusesWrites() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            writeFully(pair.client, ByteBuffer.wrap(new byte[]{1, 2}));
            pair.client.shutdownOutput();
            ByteBuffer in = ByteBuffer.allocate(2);
            readFully(pair.accepted, in);
            assertArrayEquals(new byte[]{1, 2}, in.array());
            assertEquals(-1, await(pair.accepted.read(ByteBuffer.allocate(1))));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> await(pair.client.write(ByteBuffer.wrap(new byte[]{3}))));
            assertInstanceOf(ClosedChannelException.class, e.getCause());
            // the other direction still carries bytes
            writeFully(pair.accepted, ByteBuffer.wrap(new byte[]{4}));
            ByteBuffer back = ByteBuffer.allocate(1);
            readFully(pair.client, back);
            assertEquals(4, back.get(0));
        }
    }

    @Test
    void readOnlyBuffersAreRefusedForReading() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            ByteBuffer ro = ByteBuffer.allocate(4).asReadOnlyBuffer();
            assertThrows(IllegalArgumentException.class, () -> pair.client.read(ro));
            // but fine for writing
            ByteBuffer src = ByteBuffer.wrap(new byte[]{9, 8}).asReadOnlyBuffer();
            writeFully(pair.client, src);
            ByteBuffer in = ByteBuffer.allocate(2);
            readFully(pair.accepted, in);
            assertArrayEquals(new byte[]{9, 8}, in.array());
        }
    }

    @Test
    void emptyBuffersCompleteAtOnceWithZero() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            assertEquals(0, await(pair.client.read(ByteBuffer.allocate(0))));
            assertEquals(0, await(pair.client.write(ByteBuffer.allocate(0))));
        }
    }

    @Test
    void cancellingAReadFutureStopsItAndRefusesLaterReads() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            Future<Integer> pending = pair.client.read(ByteBuffer.allocate(8));
            assertTrue(pending.cancel(false));
            assertTrue(pending.isCancelled());
            assertThrows(CancellationException.class, pending::get);
            assertThrows(IllegalStateException.class, () -> pair.client.read(ByteBuffer.allocate(8)));
            assertTrue(pair.client.isOpen());
            Future<Integer> closing = pair.accepted.read(ByteBuffer.allocate(8));
            assertTrue(closing.cancel(true));
            assertFalse(pair.accepted.isOpen(), "cancel(true) closes the channel");
        }
    }

    @Test
    void optionsAreSetInTheKernel() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            AsynchronousSocketChannel c = pair.client;
            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            assertTrue(c.getOption(StandardSocketOptions.TCP_NODELAY));
            c.setOption(StandardSocketOptions.TCP_NODELAY, false);
            assertFalse(c.getOption(StandardSocketOptions.TCP_NODELAY));
            c.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            assertTrue(c.getOption(StandardSocketOptions.SO_KEEPALIVE));
            c.setOption(StandardSocketOptions.SO_RCVBUF, 65536);
            assertTrue(c.getOption(StandardSocketOptions.SO_RCVBUF) >= 65536, "Linux doubles what was set");
            c.setOption(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE, 77);
            assertEquals(77, c.getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE));
            c.setOption(jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL, 11);
            assertEquals(11, c.getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPINTERVAL));
            c.setOption(jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT, 5);
            assertEquals(5, c.getOption(jdk.net.ExtendedSocketOptions.TCP_KEEPCOUNT));
            assertTrue(c.supportedOptions().containsAll(java.util.Set.of(StandardSocketOptions.SO_SNDBUF,
                    StandardSocketOptions.SO_REUSEADDR, StandardSocketOptions.SO_REUSEPORT,
                    jdk.net.ExtendedSocketOptions.TCP_QUICKACK)));
            assertThrows(UnsupportedOperationException.class,
                    () -> c.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true));
            assertThrows(IllegalArgumentException.class, () -> c.setOption(StandardSocketOptions.SO_SNDBUF, -1));
            // the option changed the socket: bytes still flow with it
            writeFully(c, ByteBuffer.wrap(new byte[]{42}));
            ByteBuffer in = ByteBuffer.allocate(1);
            readFully(pair.accepted, in);
            assertEquals(42, in.get(0));
        }
    }

    @Test
    void bindBeforeConnectUsesThatAddress() throws Exception {
        try (var server = java.nio.channels.AsynchronousServerSocketChannel.open(group)
                .bind(new InetSocketAddress("127.0.0.1", 0));
             AsynchronousSocketChannel c = AsynchronousSocketChannel.open(group)) {
            c.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress bound = (InetSocketAddress) c.getLocalAddress();
            assertTrue(bound.getPort() > 0);
            assertThrows(java.nio.channels.AlreadyBoundException.class, () -> c.bind(null));
            Future<AsynchronousSocketChannel> accept = server.accept();
            await(c.connect(server.getLocalAddress()));
            try (AsynchronousSocketChannel a = await(accept)) {
                assertEquals(bound, a.getRemoteAddress());
                writeFully(c, ByteBuffer.wrap(new byte[]{1}));
                ByteBuffer in = ByteBuffer.allocate(1);
                readFully(a, in);
                assertEquals(1, in.get(0));
            }
        }
    }

    @Test
    void handlersGetTheAttachment() throws Exception {
        try (Loopback pair = Loopback.connect(group)) {
            CompletableFuture<Object> seen = new CompletableFuture<>();
            ByteBuffer dst = ByteBuffer.allocate(3);
            pair.client.read(dst, 0, TimeUnit.SECONDS, "tag", new CompletionHandler<Integer, String>() {
                @Override
                public void completed(Integer n, String attachment) {
                    seen.complete(attachment + ":" + n);
                }

                @Override
                public void failed(Throwable exc, String attachment) {
                    seen.completeExceptionally(exc);
                }
            });
            writeFully(pair.accepted, ByteBuffer.wrap(new byte[]{1, 2, 3}));
            assertEquals("tag:3", seen.get(Loopback.WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(3, dst.position());
            assertEquals(Arrays.toString(new byte[]{1, 2, 3}), Arrays.toString(dst.array()));
        }
    }
}
