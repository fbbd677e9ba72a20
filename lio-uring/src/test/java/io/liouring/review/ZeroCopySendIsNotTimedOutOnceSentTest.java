package io.liouring.review;

import io.liouring.MsgFlags;
import io.liouring.async.EventLoop;
import io.liouring.testing.StalledPeer;
import io.liouring.async.IoFuture;
import io.liouring.net.Connection;
import io.liouring.operation.SendZc;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Found in review and fixed; what used to happen: the loop's own deadline failed a zero-copy send with ETIME although its send had
 * already succeeded (the first completion, with {@code F_MORE}, carried the byte count) and only the notification was
 * pending: a retry would have duplicated the bytes. Now the first completion ends the deadline: the future completes
 * with the byte count when the notification comes, however late.
 */
class ZeroCopySendIsNotTimedOutOnceSentTest {
    @Test
    void aZeroCopySendThatWasSentIsNotReportedAsTimedOut() throws Exception {
        try (EventLoop loop = EventLoop.open();
             Arena arena = Arena.ofShared()) {
            try (StalledPeer peer = new StalledPeer(loop, arena)) {
                Connection client = peer.client;
                MemorySegment zc = arena.allocate(1024);
                IoFuture<Integer> send = loop.submitResult(new SendZc(client.fd(), zc).msgFlags(MsgFlags.MSG_NOSIGNAL),
                        Duration.ofMillis(100));
                Thread.sleep(500); // well past the deadline; the notification waits for the peer
                assertFalse(send.isCompletedExceptionally(), "not timed out: the bytes were sent");
                peer.server.closeAsync(); // let the notification come
                assertEquals(1024, send.get(5, TimeUnit.SECONDS));
            }
        }
    }
}
