package io.liouring.nio.channels.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.spi.AsynchronousChannelProvider;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;

/** Timeouts of {@link AsynchronousSocketChannel} reads and writes, and {@link Future#cancel} of pending operations. */
@Timeout(120)
class TimeoutAndCancelTest {

    private final Resources resources = new Resources();

    @AfterEach
    void closeEverything() throws Exception {
        resources.close();
    }

    private Loopback.Pair connect(ProviderUnderTest p) throws Exception {
        return Loopback.connect(p.provider(), null, resources);
    }

    // Timeouts: if the timeout elapses before a read completes, it completes with InterruptedByTimeoutException
    // (with the attachment, once). Afterwards the channel is either in the error state (a further read throws an
    // unspecified runtime exception) or, where no byte can have been taken, it reads on without loss.
    @ForEachProvider
    @DisplayName("a read that times out fails with InterruptedByTimeoutException; further reads are refused or lossless")
    void readTimesOut(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        Recorder<Integer, String> handler = new Recorder<>();
        pair.server().read(ByteBuffer.allocate(8), 100, TimeUnit.MILLISECONDS, "att", handler);

        Await.failure(handler.outcome, InterruptedByTimeoutException.class);
        assertEquals("att", handler.attachment);
        assertEquals(1, handler.invocations.get());
        assertTrue(pair.server().isOpen(), "a timeout does not close the channel");
        ErrorState.readRefusedOrLossless(pair.server(), pair.client());
    }

    // The same for a scattering read with a timeout.
    @ForEachProvider
    @DisplayName("a scattering read that times out fails with InterruptedByTimeoutException")
    void scatteringReadTimesOut(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        Recorder<Long, Void> handler = new Recorder<>();
        ByteBuffer[] dsts = {ByteBuffer.allocate(2), ByteBuffer.allocateDirect(2)};
        pair.server().read(dsts, 0, 2, 100, TimeUnit.MILLISECONDS, null, handler);

        Await.failure(handler.outcome, InterruptedByTimeoutException.class);
        ErrorState.readRefusedOrLossless(pair.server(), pair.client());
    }

    // Timeouts: a write that cannot complete before its timeout (the peer reads nothing) fails with
    // InterruptedByTimeoutException; further writes are refused with a runtime exception or corrupt nothing.
    @ForEachProvider
    @DisplayName("a write that times out fails with InterruptedByTimeoutException; further writes are refused or lossless")
    void writeTimesOut(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        AsynchronousSocketChannel writer = pair.client();
        writer.setOption(StandardSocketOptions.SO_SNDBUF, 64 * 1024);
        pair.server().setOption(StandardSocketOptions.SO_RCVBUF, 64 * 1024);
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        Throwable failure = null;
        for (int attempt = 0; attempt < 256 && failure == null; attempt++) {
            if (!zeros.hasRemaining()) {
                zeros.clear();
            }
            Recorder<Integer, Void> handler = new Recorder<>();
            writer.write(zeros, 200, TimeUnit.MILLISECONDS, null, handler);
            try {
                handler.outcome.get(Await.SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failure = e.getCause();
            }
        }
        assertInstanceOf(InterruptedByTimeoutException.class, failure);
        assertTrue(writer.isOpen(), "a timeout does not close the channel");
        ErrorState.writeRefusedOrLossless(writer, pair.server());
    }

    // Timeouts: a timed read that gets its data in time completes normally with the count.
    @ForEachProvider
    @DisplayName("a timed read that gets data in time completes with the count")
    void timedReadCompletesInTime(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        Recorder<Integer, Void> handler = new Recorder<>();
        ByteBuffer into = ByteBuffer.allocate(2);
        pair.server().read(into, Await.SECONDS, TimeUnit.SECONDS, null, handler);
        Recorder<Integer, Void> write = new Recorder<>();
        pair.client().write(ByteBuffer.wrap(new byte[] {3, 4}), Await.SECONDS, TimeUnit.SECONDS, null, write);

        assertEquals(2, Await.result(write.outcome));
        int n = Await.result(handler.outcome);
        assertEquals(n, into.position());
        assertEquals(3, into.get(0));
    }

    // Timeouts: values less than or equal to zero mean the operation does not time out.
    @ForEachProvider
    @DisplayName("a timeout of zero or less means no timeout")
    void nonPositiveTimeoutMeansNone(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        for (long timeout : new long[] {0, -1}) {
            Recorder<Integer, Void> handler = new Recorder<>();
            ByteBuffer into = ByteBuffer.allocate(1);
            pair.server().read(into, timeout, TimeUnit.NANOSECONDS, null, handler);
            assertFalse(Await.completesWithin(handler.outcome, 500), "timeout " + timeout + ": completed early");

            Loopback.writeFully(pair.client(), ByteBuffer.wrap(new byte[] {(byte) timeout}));
            assertEquals(1, Await.result(handler.outcome), "timeout " + timeout);
            assertEquals((byte) timeout, into.get(0));
        }
    }

    // Future.cancel(false) on a pending read: the Future is cancelled and done, get throws CancellationException;
    // whether the I/O stopped is unspecified, so further reads are refused (error state) or lossless.
    @ForEachProvider
    @DisplayName("cancelling a pending read Future makes get throw CancellationException")
    void cancelAPendingRead(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        Future<Integer> read = pair.server().read(ByteBuffer.allocate(4));

        assertTrue(read.cancel(false));

        assertTrue(read.isCancelled());
        assertTrue(read.isDone());
        assertThrows(CancellationException.class, read::get);
        assertThrows(CancellationException.class, () -> read.get(1, TimeUnit.SECONDS));
        assertTrue(pair.server().isOpen(), "cancel(false) does not close the channel");
        ErrorState.readRefusedOrLossless(pair.server(), pair.client());
    }

    // AsynchronousChannel, Cancellation: cancel(true) may interrupt the I/O by closing the channel; in that case any
    // other operation outstanding on the channel completes with AsynchronousCloseException. If the channel stays
    // open, the other operation is not affected.
    @ForEachProvider
    @DisplayName("cancel(true) of a read: if it closes the channel, the outstanding write fails with AsynchronousCloseException")
    void cancelWithInterruptOfAPendingRead(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        AsynchronousSocketChannel channel = pair.client();
        Loopback.PendingWrite write = Loopback.pendingWrite(channel, pair.server());
        Future<Integer> read = channel.read(ByteBuffer.allocate(4));

        assertTrue(read.cancel(true));

        assertTrue(read.isCancelled());
        assertThrows(CancellationException.class, read::get);
        if (channel.isOpen()) {
            assertFalse(Await.completesWithin(write.future(), 300), "the write is not affected");
        } else {
            Await.failure(write.future(), AsynchronousCloseException.class);
        }
    }

    // Future.cancel of a pending write: the Future is cancelled, get throws CancellationException.
    @ForEachProvider
    @DisplayName("cancelling a pending write Future makes get throw CancellationException")
    void cancelAPendingWrite(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        Loopback.PendingWrite write = Loopback.pendingWrite(pair.client(), pair.server());

        assertTrue(write.future().cancel(false));

        assertTrue(write.future().isCancelled());
        assertThrows(CancellationException.class, () -> write.future().get());
    }

    // Future.cancel: no effect on a completed operation (returns false; the result stays available).
    @ForEachProvider
    @DisplayName("cancelling a completed Future has no effect")
    void cancelACompletedOperation(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        Future<Integer> write = pair.client().write(ByteBuffer.wrap(new byte[] {1, 2}));
        int written = Await.result(write);

        assertFalse(write.cancel(true));

        assertFalse(write.isCancelled());
        assertEquals(written, Await.result(write));
        assertTrue(pair.client().isOpen());
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2}).limit(written), Loopback.readFully(pair.server(), written));
    }

    // Future.cancel of an outstanding connect: cancelled, get throws CancellationException.
    @ForEachProvider
    @DisplayName("cancelling a pending connect Future makes get throw CancellationException")
    void cancelAPendingConnect(ProviderUnderTest p) throws Exception {
        AsynchronousChannelProvider provider = p.provider();
        PendingConnect pending = PendingConnect.open(provider, resources);

        assertTrue(pending.future().cancel(false));

        assertTrue(pending.future().isCancelled());
        try {
            pending.future().get();
            fail("get of a cancelled connect returned");
        } catch (CancellationException expected) {
            assertTrue(pending.future().isDone());
        }
    }

    // AsynchronousChannel: cancel(false) puts the channel in an error state for operations of that kind; only
    // cancel(true) may interrupt by closing it. As for a read, the JDK's channel stays open after a connect's
    // cancel(false), and the connect goes on in the kernel: the channel is still connection-pending (another connect
    // is a ConnectionPendingException, bind too, and I/O is NotYetConnected).
    @ForEachProvider
    @DisplayName("cancel(false) of a pending connect leaves the channel open and connection-pending")
    void cancelOfAPendingConnectLeavesTheChannelOpen(ProviderUnderTest p) throws Exception {
        PendingConnect pending = PendingConnect.open(p.provider(), resources);
        AsynchronousSocketChannel channel = pending.channel();

        assertTrue(pending.future().cancel(false));

        assertTrue(channel.isOpen(), "cancel(false) does not close the channel");
        assertTrue(channel.toString().contains("connection-pending"), channel::toString);
        assertThrows(java.nio.channels.ConnectionPendingException.class, () -> channel.connect(pending.target()));
        assertThrows(java.nio.channels.ConnectionPendingException.class, () -> channel.bind(null));
        assertThrows(java.nio.channels.NotYetConnectedException.class, () -> channel.read(ByteBuffer.allocate(1)));
        channel.close();
        assertFalse(channel.isOpen());
    }

    // Future.get(timeout): TimeoutException while the operation is outstanding; the operation goes on and
    // completes later.
    @ForEachProvider
    @DisplayName("Future.get with a timeout throws TimeoutException while the read is outstanding, and the read goes on")
    void futureGetTimesOutWithoutCancelling(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        ByteBuffer into = ByteBuffer.allocate(1);
        Future<Integer> read = pair.server().read(into);

        assertThrows(TimeoutException.class, () -> read.get(100, TimeUnit.MILLISECONDS));
        assertFalse(read.isDone());
        assertEquals(Future.State.RUNNING, read.state());

        Loopback.writeFully(pair.client(), ByteBuffer.wrap(new byte[] {8}));
        assertEquals(1, Await.result(read));
        assertEquals(8, into.get(0));
    }

    // Future (state, resultNow, exceptionNow): a completed operation reports SUCCESS and its result, a failed one
    // FAILED and its exception, a cancelled one CANCELLED.
    @ForEachProvider
    @DisplayName("operation Futures report their state, resultNow and exceptionNow")
    void futuresReportTheirState(ProviderUnderTest p) throws Exception {
        Loopback.Pair pair = connect(p);
        Future<Integer> write = pair.client().write(ByteBuffer.wrap(new byte[] {1}));
        Await.result(write);
        assertEquals(Future.State.SUCCESS, write.state());
        assertEquals(1, write.resultNow());

        Future<Integer> cancelled = pair.client().read(ByteBuffer.allocate(1));
        cancelled.cancel(false);
        assertEquals(Future.State.CANCELLED, cancelled.state());

        pair.client().close();
        Future<Integer> failed = pair.client().write(ByteBuffer.wrap(new byte[] {1}));
        Await.failure(failed, ClosedChannelException.class);
        assertEquals(Future.State.FAILED, failed.state());
        assertInstanceOf(ClosedChannelException.class, failed.exceptionNow());
    }
}
