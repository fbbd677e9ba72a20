package io.liouring.nio.channels.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadPendingException;
import java.nio.channels.WritePendingException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;

/**
 * {@link AsynchronousSocketChannel} reads and writes on a connection: buffer positions and limits, end of stream,
 * half-close, scattering and gathering, the pending-operation exceptions and argument checks.
 */
@Timeout(120)
class SocketChannelIoTest {

    private final Resources resources = new Resources();

    @AfterEach
    void closeEverything() throws Exception {
        resources.close();
    }

    private Loopback.Pair connect(ProviderUnderTest p) throws Exception {
        return Loopback.connect(p.provider(), null, resources);
    }

    // A buffer whose memory the channel may not use, of a confined arena (only its owner thread may touch it, and
    // the I/O is finished by other threads) or of a closed one, fails the operation as the JDK's channel fails it:
    // the handler gets an IllegalStateException ("Confined session not supported", "Already closed"), a Future's get
    // throws an ExecutionException caused by an IOException caused by it (the JDK's test
    // java/foreign/channels/TestAsyncSocketChannels checks both). Nothing is thrown by the call, and the channel goes
    // on: the next read and write work.
    @ForEachProvider
    @DisplayName("a buffer of a confined or closed arena fails the read or write, and the channel goes on")
    void aBufferOfAConfinedOrClosedArenaFailsTheOperation(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        AsynchronousSocketChannel channel = pair.client();
        java.lang.foreign.Arena closed = java.lang.foreign.Arena.ofShared();
        ByteBuffer ofClosed = closed.allocate(16).asByteBuffer();
        closed.close();
        try (java.lang.foreign.Arena confined = java.lang.foreign.Arena.ofConfined()) {
            ByteBuffer ofConfined = confined.allocate(16).asByteBuffer();
            ByteBuffer[] unusable = {ofConfined, ofClosed}; // not a Map: hashCode reads a buffer's bytes
            String[] messages = {"Confined session not supported", "Already closed"};
            for (int u = 0; u < unusable.length; u++) {
                ByteBuffer buffer = unusable[u];
                String message = messages[u];
                for (Future<?> future : java.util.List.of(channel.read(buffer), channel.write(buffer))) {
                    Throwable failure = assertThrows(java.util.concurrent.ExecutionException.class,
                            () -> future.get(Await.SECONDS, TimeUnit.SECONDS)).getCause();
                    assertSame(java.io.IOException.class, failure.getClass(), message);
                    assertSame(IllegalStateException.class, failure.getCause().getClass(), message);
                    assertEquals(message, failure.getCause().getMessage());
                }
                ByteBuffer[] buffers = {buffer};
                Recorder<Integer, Void> read = new Recorder<>();
                channel.read(buffer, null, read);
                Recorder<Long, Void> scatter = new Recorder<>();
                channel.read(buffers, 0, 1, 30, TimeUnit.SECONDS, null, scatter);
                Recorder<Integer, Void> write = new Recorder<>();
                channel.write(buffer, 30, TimeUnit.SECONDS, null, write);
                Recorder<Long, Void> gather = new Recorder<>();
                channel.write(buffers, 0, 1, 0, TimeUnit.SECONDS, null, gather);
                for (Recorder<?, Void> handler : java.util.List.of(read, scatter, write, gather)) {
                    IllegalStateException e = Await.failure(handler.outcome, IllegalStateException.class);
                    assertEquals(message, e.getMessage());
                }
            }
        }
        Loopback.writeFully(channel, ByteBuffer.wrap(new byte[] {7}));
        assertEquals(ByteBuffer.wrap(new byte[] {7}), Loopback.readFully(pair.server(), 1));
        Loopback.writeFully(pair.server(), ByteBuffer.wrap(new byte[] {8}));
        assertEquals(ByteBuffer.wrap(new byte[] {8}), Loopback.readFully(channel, 1));
    }

    // AsynchronousByteChannel.read: n bytes go to indices p .. p+n-1 where p is the position; afterwards the position
    // is p+n and the limit is unchanged; nothing outside [p, limit) is touched.
    @ForEachProvider
    @DisplayName("read stores bytes from the position, advances the position by the count and keeps the limit")
    void readAdvancesThePositionOnly(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        for (Buffers kind : Buffers.values()) {
            ByteBuffer into = kind.filled(20, (byte) -1).position(5).limit(15);
            Loopback.writeFully(pair.client(), ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));

            int total = 0;
            while (total < 10) {
                int n = Await.result(pair.server().read(into));
                assertTrue(n > 0 && n <= 10 - total, kind + ": read " + n);
                total += n;
                assertEquals(5 + total, into.position(), kind + ": position");
                assertEquals(15, into.limit(), kind + ": limit");
            }
            into.clear();
            for (int i = 0; i < 20; i++) {
                byte expected = i >= 5 && i < 15 ? (byte) (i - 4) : (byte) -1;
                assertEquals(expected, into.get(i), kind + ": byte at " + i);
            }
        }
    }

    // AsynchronousByteChannel.write: bytes from index p on are written; the position becomes p+n, the limit stays.
    @ForEachProvider
    @DisplayName("write sends bytes from the position, advances the position by the count and keeps the limit")
    void writeAdvancesThePositionOnly(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        for (Buffers kind : Buffers.values()) {
            ByteBuffer from = kind.of(new byte[] {9, 9, 1, 2, 3, 4, 9}).position(2).limit(6);
            while (from.hasRemaining()) {
                int before = from.position();
                int n = Await.result(pair.client().write(from));
                assertEquals(before + n, from.position(), kind + ": position");
                assertEquals(6, from.limit(), kind + ": limit");
            }
            assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), Loopback.readFully(pair.server(), 4), kind.name());
        }
    }

    // read/write with a handler: the result is the byte count, the attachment is handed back, exactly one call.
    @ForEachProvider
    @DisplayName("read and write with handlers complete once with the count and the attachment")
    void readAndWriteWithHandlers(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        Recorder<Integer, String> read = new Recorder<>();
        ByteBuffer into = ByteBuffer.allocate(3);
        pair.server().read(into, "r", read);
        Recorder<Integer, String> write = new Recorder<>();
        pair.client().write(ByteBuffer.wrap(new byte[] {5, 6, 7}), "w", write);

        assertEquals(3, Await.result(write.outcome));
        int n = Await.result(read.outcome);
        assertEquals(n, into.position());
        assertEquals("r", read.attachment);
        assertEquals("w", write.attachment);
        assertEquals(1, read.invocations.get());
        assertEquals(1, write.invocations.get());
        assertEquals(ByteBuffer.wrap(new byte[] {5, 6, 7}).limit(n), into.flip());
    }

    // read/write: where the buffer has no bytes remaining, the operation completes immediately with 0 and does not
    // touch the connection (the byte sent afterwards is still there to read).
    @ForEachProvider
    @DisplayName("read and write of an empty buffer complete with 0 without touching the connection")
    void emptyBuffersCompleteWithZero(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        assertEquals(0, Await.result(pair.server().read(ByteBuffer.allocate(0))));
        assertEquals(0, Await.result(pair.client().write(ByteBuffer.allocate(4).position(4))));
        Recorder<Integer, Void> read = new Recorder<>();
        pair.server().read(ByteBuffer.allocate(8).position(8), null, read);
        assertEquals(0, Await.result(read.outcome));

        Loopback.writeFully(pair.client(), ByteBuffer.wrap(new byte[] {77}));
        assertEquals(ByteBuffer.wrap(new byte[] {77}), Loopback.readFully(pair.server(), 1));
    }

    // read: IllegalArgumentException if the buffer is read-only (every read form, and any buffer of a scattering
    // read).
    @ForEachProvider
    @DisplayName("reading into a read-only buffer is an IllegalArgumentException")
    void readIntoAReadOnlyBuffer(ProviderUnderTest p) throws Exception {
        AsynchronousSocketChannel channel = connect(p).server();
        ByteBuffer readOnly = ByteBuffer.allocate(8).asReadOnlyBuffer();
        assertThrows(IllegalArgumentException.class, () -> channel.read(readOnly));
        assertThrows(IllegalArgumentException.class, () -> channel.read(readOnly, null, new Recorder<>()));
        assertThrows(IllegalArgumentException.class,
                () -> channel.read(readOnly, 1, TimeUnit.SECONDS, null, new Recorder<>()));
        ByteBuffer[] oneReadOnly = {ByteBuffer.allocate(4), ByteBuffer.allocateDirect(4).asReadOnlyBuffer()};
        assertThrows(IllegalArgumentException.class,
                () -> channel.read(oneReadOnly, 0, 2, 1, TimeUnit.SECONDS, null, new Recorder<>()));
        assertEquals(0, Await.result(channel.read(ByteBuffer.allocate(0))), "the channel still reads");
    }

    // At most one read may be outstanding: another read form while one is pending is a ReadPendingException; the
    // outstanding read still completes with the data.
    @ForEachProvider
    @DisplayName("a read while a read is outstanding is a ReadPendingException")
    void secondReadIsRefused(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        AsynchronousSocketChannel channel = pair.server();
        ByteBuffer into = ByteBuffer.allocate(4);
        Future<Integer> first = channel.read(into);

        assertThrows(ReadPendingException.class, () -> channel.read(ByteBuffer.allocate(4)));
        assertThrows(ReadPendingException.class, () -> channel.read(ByteBuffer.allocate(4), null, new Recorder<>()));
        assertThrows(ReadPendingException.class,
                () -> channel.read(ByteBuffer.allocate(4), 1, TimeUnit.SECONDS, null, new Recorder<>()));
        assertThrows(ReadPendingException.class, () -> channel.read(
                new ByteBuffer[] {ByteBuffer.allocate(4)}, 0, 1, 1, TimeUnit.SECONDS, null, new Recorder<>()));

        Loopback.writeFully(pair.client(), ByteBuffer.wrap(new byte[] {1}));
        assertEquals(1, Await.result(first));
        assertEquals(1, into.get(0));
    }

    // At most one write may be outstanding: another write while one is pending is a WritePendingException.
    @ForEachProvider
    @DisplayName("a write while a write is outstanding is a WritePendingException")
    void secondWriteIsRefused(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        AsynchronousSocketChannel channel = pair.client();
        Loopback.PendingWrite pending = Loopback.pendingWrite(channel, pair.server());

        assertThrows(WritePendingException.class, () -> channel.write(ByteBuffer.allocate(4)));
        assertThrows(WritePendingException.class, () -> channel.write(ByteBuffer.allocate(4), null, new Recorder<>()));
        assertThrows(WritePendingException.class,
                () -> channel.write(ByteBuffer.allocate(4), 1, TimeUnit.SECONDS, null, new Recorder<>()));
        assertThrows(WritePendingException.class, () -> channel.write(
                new ByteBuffer[] {ByteBuffer.allocate(4)}, 0, 1, 1, TimeUnit.SECONDS, null, new Recorder<>()));
        assertFalse(pending.future().isDone());
    }

    // Channels of this type support concurrent reading and writing: with a read outstanding, a write proceeds, and
    // the read completes when the peer answers.
    @ForEachProvider
    @DisplayName("a write proceeds while a read is outstanding on the same channel")
    void readAndWriteConcurrently(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        ByteBuffer answer = ByteBuffer.allocate(1);
        Future<Integer> read = pair.client().read(answer);

        Loopback.writeFully(pair.client(), ByteBuffer.wrap(new byte[] {10}));
        assertEquals(ByteBuffer.wrap(new byte[] {10}), Loopback.readFully(pair.server(), 1));
        Loopback.writeFully(pair.server(), ByteBuffer.wrap(new byte[] {11}));

        assertEquals(1, Await.result(read));
        assertEquals(11, answer.get(0));
    }

    // read: the result is -1 when no bytes could be read because the channel reached end of stream (the peer shut
    // its output down); it stays -1; the buffer is not changed.
    @ForEachProvider
    @DisplayName("after the peer's shutdownOutput, read drains the data and then returns -1, repeatedly")
    void readReturnsMinusOneAtEndOfStream(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        Loopback.writeFully(pair.client(), ByteBuffer.wrap(new byte[] {1, 2}));
        assertSame(pair.client(), pair.client().shutdownOutput());

        assertEquals(ByteBuffer.wrap(new byte[] {1, 2}), Loopback.readFully(pair.server(), 2));
        ByteBuffer into = ByteBuffer.allocate(4);
        assertEquals(-1, Await.result(pair.server().read(into)));
        Recorder<Integer, Void> handler = new Recorder<>();
        pair.server().read(into, null, handler);
        assertEquals(-1, Await.result(handler.outcome));
        assertEquals(0, into.position());
    }

    // A read outstanding when the peer closes completes with -1 (end of stream).
    @ForEachProvider
    @DisplayName("an outstanding read completes with -1 when the peer closes")
    void outstandingReadSeesThePeersClose(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        Future<Integer> read = pair.server().read(ByteBuffer.allocate(4));
        pair.client().close();
        assertEquals(-1, Await.result(read));
    }

    // shutdownOutput: further writes fail with ClosedChannelException; the channel stays open and still reads; a
    // second shutdownOutput has no effect; the peer sees end of stream.
    @ForEachProvider
    @DisplayName("after shutdownOutput, writes fail with ClosedChannelException while reads still work")
    void shutdownOutputSemantics(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        AsynchronousSocketChannel channel = pair.client();
        assertSame(channel, channel.shutdownOutput());
        assertSame(channel, channel.shutdownOutput());

        Await.failure(channel.write(ByteBuffer.wrap(new byte[] {1})), ClosedChannelException.class);
        Recorder<Integer, Void> handler = new Recorder<>();
        channel.write(ByteBuffer.wrap(new byte[] {1}), null, handler);
        Await.failure(handler.outcome, ClosedChannelException.class);

        assertTrue(channel.isOpen());
        assertEquals(-1, Await.result(pair.server().read(ByteBuffer.allocate(1))), "the peer sees end of stream");
        Loopback.writeFully(pair.server(), ByteBuffer.wrap(new byte[] {3}));
        assertEquals(ByteBuffer.wrap(new byte[] {3}), Loopback.readFully(channel, 1), "reads still work");
    }

    // shutdownInput: further reads return -1; a second shutdownInput has no effect; the channel stays open and still
    // writes.
    @ForEachProvider
    @DisplayName("after shutdownInput, reads return -1 while writes still work")
    void shutdownInputSemantics(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        AsynchronousSocketChannel channel = pair.server();
        assertSame(channel, channel.shutdownInput());
        assertSame(channel, channel.shutdownInput());

        assertEquals(-1, Await.result(channel.read(ByteBuffer.allocate(4))));
        Recorder<Integer, Void> handler = new Recorder<>();
        channel.read(ByteBuffer.allocate(4), null, handler);
        assertEquals(-1, Await.result(handler.outcome));

        assertTrue(channel.isOpen());
        Loopback.writeFully(channel, ByteBuffer.wrap(new byte[] {4, 5}));
        assertEquals(ByteBuffer.wrap(new byte[] {4, 5}), Loopback.readFully(pair.client(), 2));
    }

    // Scattering read of dsts[offset .. offset+length-1]: bytes fill those buffers in order, each updated buffer
    // except the last up to its limit; buffers outside the subsequence are untouched; the result is the count.
    @ForEachProvider
    @DisplayName("a scattering read fills only the given subsequence, in order, each buffer but the last to its limit")
    void scatteringReadFillsTheSubsequenceInOrder(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        for (Buffers kind : Buffers.values()) {
            ByteBuffer[] dsts = {kind.allocate(4), kind.allocate(3), kind.allocate(5), kind.allocate(4)};
            byte[] sent = {1, 2, 3, 4, 5, 6, 7, 8, 100, 101};
            Loopback.writeFully(pair.client(), ByteBuffer.wrap(sent));

            long total = 0;
            while (total < 8) {
                Recorder<Long, Void> handler = new Recorder<>();
                pair.server().read(dsts, 1, 2, 0, TimeUnit.SECONDS, null, handler);
                long n = Await.result(handler.outcome);
                assertTrue(n > 0, kind + ": read " + n);
                total += n;
                if (dsts[2].position() > 0) {
                    assertEquals(dsts[1].limit(), dsts[1].position(), kind + ": the earlier buffer is full");
                }
            }
            assertEquals(8, total, kind + ": the read stops at the end of the subsequence");
            assertEquals(0, dsts[0].position(), kind + ": before the subsequence");
            assertEquals(0, dsts[3].position(), kind + ": after the subsequence");
            assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), dsts[1].flip());
            assertEquals(ByteBuffer.wrap(new byte[] {4, 5, 6, 7, 8}), dsts[2].flip());
            assertEquals(ByteBuffer.wrap(new byte[] {100, 101}), Loopback.readFully(pair.server(), 2),
                    kind + ": the rest stays in the connection");
        }
    }

    // Gathering write of srcs[offset .. offset+length-1]: bytes are taken from those buffers in order, each written
    // buffer except the last to its limit; the other buffers are untouched.
    @ForEachProvider
    @DisplayName("a gathering write sends only the given subsequence, in order")
    void gatheringWriteSendsTheSubsequenceInOrder(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        for (Buffers kind : Buffers.values()) {
            ByteBuffer[] srcs = {kind.of(new byte[] {9, 9}), kind.of(new byte[] {1, 2, 3}), kind.of(new byte[] {4}),
                    kind.of(new byte[] {5, 6}), kind.of(new byte[] {9})};
            long total = 0;
            while (total < 6) {
                Recorder<Long, Void> handler = new Recorder<>();
                pair.client().write(srcs, 1, 3, 0, TimeUnit.SECONDS, null, handler);
                long n = Await.result(handler.outcome);
                assertTrue(n > 0, kind + ": wrote " + n);
                total += n;
            }
            assertEquals(6, total, kind.name());
            assertEquals(0, srcs[0].position(), kind + ": before the subsequence");
            assertEquals(0, srcs[4].position(), kind + ": after the subsequence");
            for (int i = 1; i <= 3; i++) {
                assertFalse(srcs[i].hasRemaining(), kind + ": buffer " + i + " written out");
            }
            assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6}), Loopback.readFully(pair.server(), 6), kind.name());
        }
    }

    // Scattering read / gathering write: IndexOutOfBoundsException unless 0 <= offset <= length of the array and
    // 0 <= length <= array length - offset.
    @ForEachProvider
    @DisplayName("scattering and gathering with a bad offset or length are IndexOutOfBoundsException")
    void badOffsetOrLength(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        ByteBuffer[] three = {ByteBuffer.allocate(1), ByteBuffer.allocate(1), ByteBuffer.allocate(1)};
        int[][] bad = {{-1, 1}, {0, -1}, {4, 0}, {0, 4}, {2, 2}, {3, 1}};
        for (int[] offsetAndLength : bad) {
            int offset = offsetAndLength[0];
            int length = offsetAndLength[1];
            String which = "offset " + offset + ", length " + length;
            assertThrows(IndexOutOfBoundsException.class, () -> pair.server().read(
                    three, offset, length, 0, TimeUnit.SECONDS, null, new Recorder<>()), which);
            assertThrows(IndexOutOfBoundsException.class, () -> pair.client().write(
                    three, offset, length, 0, TimeUnit.SECONDS, null, new Recorder<>()), which);
        }
        Loopback.writeFully(pair.client(), ByteBuffer.wrap(new byte[] {1}));
        assertEquals(ByteBuffer.wrap(new byte[] {1}), Loopback.readFully(pair.server(), 1), "the channels still work");
    }

    // java.nio.channels: null arguments are NullPointerExceptions unless noted; handlers and buffers are not nullable.
    // A null handler's message is the JDK's.
    @ForEachProvider
    @DisplayName("a null handler or buffer is a NullPointerException")
    void nullHandlersAndBuffers(ProviderUnderTest p) throws Exception {
        String nullHandler = "'handler' is null";
        Loopback.Pair pair = connect(p);
        AsynchronousSocketChannel channel = pair.client();
        ByteBuffer buffer = ByteBuffer.allocate(4);
        ByteBuffer[] buffers = {buffer};
        assertEquals(nullHandler, assertThrows(NullPointerException.class, () -> channel.read(buffer, null, null)).getMessage());
        assertEquals(nullHandler, assertThrows(NullPointerException.class, () -> channel.read(buffer, 1, TimeUnit.SECONDS, null, null)).getMessage());
        assertEquals(nullHandler, assertThrows(NullPointerException.class, () -> channel.read(buffers, 0, 1, 1, TimeUnit.SECONDS, null, null)).getMessage());
        assertEquals(nullHandler, assertThrows(NullPointerException.class, () -> channel.write(buffer, null, null)).getMessage());
        assertEquals(nullHandler, assertThrows(NullPointerException.class, () -> channel.write(buffer, 1, TimeUnit.SECONDS, null, null)).getMessage());
        assertEquals(nullHandler, assertThrows(NullPointerException.class, () -> channel.write(buffers, 0, 1, 1, TimeUnit.SECONDS, null, null)).getMessage());
        assertThrows(NullPointerException.class, () -> channel.read((ByteBuffer) null));
        assertThrows(NullPointerException.class, () -> channel.write((ByteBuffer) null));
        Loopback.writeFully(channel, ByteBuffer.wrap(new byte[] {1}));
        assertEquals(ByteBuffer.wrap(new byte[] {1}), Loopback.readFully(pair.server(), 1), "the channel still works");
    }
}
