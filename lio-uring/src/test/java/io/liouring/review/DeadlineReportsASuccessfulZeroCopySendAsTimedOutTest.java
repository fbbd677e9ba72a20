package io.liouring.review;

import io.liouring.Completion;
import io.liouring.MsgFlags;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.net.Connection;
import io.liouring.net.Listener;
import io.liouring.operation.SendZc;
import io.liouring.struct.SockAddrIn;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * BUG: the loop's own deadline (Requests.fireTimers, second firing) completes a request with -ETIME whenever its last
 * completion has not arrived — including a zero-copy send whose send has ALREADY SUCCEEDED (the first CQE, with
 * F_MORE, carried the byte count) and only the notification is pending. The caller is told the send timed out;
 * the bytes are on their way to the peer (a retry duplicates them), and the future is done before the kernel is done
 * with the buffer.
 */
class DeadlineReportsASuccessfulZeroCopySendAsTimedOutTest {
    @Test
    void aZeroCopySendThatWasSentIsNotReportedAsTimedOut() throws Exception {
        try (EventLoop loop = EventLoop.open();
             Arena arena = Arena.ofShared();
             Listener listener = Listener.bind(loop, SockAddrIn.loopback(0))) {
            listener.setReceiveBufferSize(4096);
            int port = ((SockAddrIn) listener.localAddress()).port();
            IoFuture<Connection> accepted = listener.acceptAsync();
            try (Connection client = Connection.connect(loop, SockAddrIn.loopback(port));
                 Connection server = accepted.get(5, TimeUnit.SECONDS)) {
                client.setSendBufferSize(1 << 20);
                client.writeAsync(arena.allocate(128 << 10)).get(5, TimeUnit.SECONDS);
                Thread.sleep(100);
                MemorySegment zc = arena.allocate(1024);
                IoFuture<Integer> send = loop.submitResult(new SendZc(client.fd(), zc).msgFlags(MsgFlags.MSG_NOSIGNAL),
                        Duration.ofMillis(100));
                try {
                    int n = send.get(5, TimeUnit.SECONDS);
                    if (n != 1024) {
                        fail("sent " + n);
                    }
                } catch (ExecutionException e) {
                    server.closeAsync(); // let the notification come
                    Completion kernel = send.released().get(5, TimeUnit.SECONDS);
                    fail("the send succeeded in the kernel (its first completion: " + kernel
                            + ") but the future failed with " + e.getCause());
                }
            }
        }
    }
}
