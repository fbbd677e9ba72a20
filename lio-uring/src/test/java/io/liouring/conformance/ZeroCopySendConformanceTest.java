package io.liouring.conformance;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.ShutdownHow;
import io.liouring.operation.SendZc;
import io.liouring.operation.Shutdown;
import io.liouring.testing.Loopback;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;

import static io.liouring.testing.Roundtrip.PATIENCE;
import static io.liouring.testing.Roundtrip.assertNothingWithin;
import static io.liouring.testing.Roundtrip.next;
import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Zero-copy sends: each request posts its result with MORE and later exactly one notification (F_NOTIF, without
 * MORE) that hands its buffer back; until then the buffer is the kernel's. Several sends in flight each keep to
 * that, and a result with MORE is followed by a notification even when the send failed.
 */
class ZeroCopySendConformanceTest {
    private static final int SENDS = 8;
    private static final Duration QUIET = Duration.ofMillis(50);

    @Test
    void eachOfSeveralSendsInFlightPostsItsResultAndThenOneNotification() {
        try (var ring = new LioUring(16); var tcp = Loopback.tcp(ring, Loopback.Ip.V4); var arena = Arena.ofConfined()) {
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < SENDS; i++) {
                String message = "zero-copy message " + i + ";";
                expected.append(message);
                MemorySegment buffer = Loopback.bytes(arena, message); // one buffer each: none is free before its notification
                ring.push(new SendZc(tcp.client(), buffer), i + 1);
            }
            ring.submit();
            List<Completion> all = next(ring, 2 * SENDS);
            for (long ud = 1; ud <= SENDS; ud++) {
                int result = -1;
                int notification = -1;
                for (int at = 0; at < all.size(); at++) {
                    Completion c = all.get(at);
                    if (c.userData() != ud) {
                        continue;
                    }
                    if (c.isNotification()) {
                        assertEquals(-1, notification, "one notification for send " + ud);
                        assertFalse(c.hasMore(), "nothing follows the notification: " + c);
                        notification = at;
                    } else {
                        assertEquals(-1, result, "one result for send " + ud);
                        assertTrue(c.hasMore(), "the result announces the notification: " + c);
                        assertTrue(c.result() > 0, "sent: " + c);
                        result = at;
                    }
                }
                assertTrue(result >= 0 && notification > result, "send " + ud + ": result, then notification: " + all);
            }
            assertNothingWithin(ring, QUIET);
            String received = Loopback.text(SocketNative.readExactly(tcp.server(), expected.length(), PATIENCE));
            assertEquals(expected.toString(), received, "in submission order, every byte once");
        }
    }

    @Test
    void aFailedSendThatAnnouncesMoreStillEndsWithItsNotification() {
        try (var ring = new LioUring(8); var tcp = Loopback.tcp(ring, Loopback.Ip.V4); var arena = Arena.ofConfined()) {
            run(ring, new Shutdown(tcp.client(), ShutdownHow.SHUT_WR)).resultOrThrow();
            ring.push(new SendZc(tcp.client(), Loopback.bytes(arena, "too late")), 1);
            Completion result = next(ring);
            assertEquals(Errno.EPIPE, result.errno());
            if (result.hasMore()) {
                Completion notification = next(ring);
                assertEquals(1, notification.userData());
                assertTrue(notification.isNotification(), "the buffer is handed back: " + notification);
                assertFalse(notification.hasMore());
            }
            assertNothingWithin(ring, QUIET);
        }
    }
}
