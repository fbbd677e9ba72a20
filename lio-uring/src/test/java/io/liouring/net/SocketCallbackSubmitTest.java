package io.liouring.net;

import io.liouring.AddressFamily;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.MsgFlags;
import io.liouring.SocketType;
import io.liouring.async.EventLoop;
import io.liouring.async.RequestCallback;
import io.liouring.operation.Recv;
import io.liouring.operation.Send;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AsyncSocket#submitCallback}: a caller's own request on the socket's descriptor reports to a callback on the
 * loop thread with the kernel's result and the caller's context; one operation serves several requests in turn; a
 * close cancels what is in flight (-ECANCELED) and a closed socket refuses new ones.
 */
class SocketCallbackSubmitTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final EventLoop loop = EventLoop.open();
    private final Arena arena = Arena.ofShared();

    @AfterEach
    void close() {
        loop.close();
        arena.close();
    }

    /** One completion as the callback saw it. */
    private record Ended(long context, int result, boolean onLoopThread) {
    }

    /** A callback that records each completion, and the thread it ran on. */
    private RequestCallback recorder(BlockingQueue<Ended> ended) {
        return (context, result, flags) -> ended.add(new Ended(context, result, loop.inLoop()));
    }

    private static Ended next(BlockingQueue<Ended> ended) throws InterruptedException {
        Ended e = ended.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(e, "the callback ran");
        return e;
    }

    @Test
    void oneSendOperationServesSuccessiveSendsAndEachReportsItsCountAndContext() throws Exception {
        int[] pair = SocketNative.socketPair(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM);
        try (Connection c = Connection.of(loop, pair[0])) {
            MemorySegment data = arena.allocate(100);
            for (int i = 0; i < 100; i++) {
                data.set(JAVA_BYTE, i, (byte) (7 + i * 13));
            }
            BlockingQueue<Ended> ended = new ArrayBlockingQueue<>(4);
            RequestCallback callback = recorder(ended);
            Send send = new Send(c.fd(), data).msgFlags(MsgFlags.MSG_NOSIGNAL).length(60);

            c.submitCallback(send, callback, 41);
            assertEquals(new Ended(41, 60, true), next(ended));
            c.submitCallback(send.length(40), callback, 42); // the same operation again, its length changed
            assertEquals(new Ended(42, 40, true), next(ended));

            assertArrayEquals(data.asSlice(0, 40).toArray(JAVA_BYTE), SocketNative.readExactly(pair[1], 40, WAIT),
                    "the second send sent the first 40 bytes again, after the first send's 60");
        } finally {
            Fd.close(pair[1]);
        }
    }

    @Test
    void aFailedSendReportsTheErrnoToTheCallback() throws Exception {
        int[] pair = SocketNative.socketPair(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM);
        Fd.close(pair[1]);
        try (Connection c = Connection.of(loop, pair[0])) {
            BlockingQueue<Ended> ended = new ArrayBlockingQueue<>(1);
            c.submitCallback(new Send(c.fd(), arena.allocate(16)).msgFlags(MsgFlags.MSG_NOSIGNAL), recorder(ended), 5);
            assertEquals(new Ended(5, -Errno.EPIPE.number(), true), next(ended));
        }
    }

    @Test
    void closingTheSocketCancelsARequestInFlightAndRefusesNewOnes() throws Exception {
        int[] pair = SocketNative.socketPair(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM);
        try {
            Connection c = Connection.of(loop, pair[0]);
            BlockingQueue<Ended> ended = new ArrayBlockingQueue<>(2);
            MemorySegment buffer = arena.allocate(16);
            Recv recv = new Recv(c.fd(), buffer);
            c.submitCallback(recv, recorder(ended), 9); // nothing to read: it waits in the kernel
            c.close();
            assertEquals(new Ended(9, -Errno.ECANCELED.number(), true), next(ended));

            assertThrows(ClosedChannelException.class, () -> c.submitCallback(recv, recorder(ended), 10));
            assertNull(ended.poll(200, TimeUnit.MILLISECONDS), "a refused request never calls its callback");
            assertTrue(c.isClosed());
        } finally {
            Fd.close(pair[1]);
        }
    }
}
