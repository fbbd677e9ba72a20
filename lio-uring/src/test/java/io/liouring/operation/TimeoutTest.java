package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.SqeFlags;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Timeout, TimeoutRemove and TimeoutUpdate (of a plain timeout; link timeouts are in LinkTimeoutTest). */
class TimeoutTest {
    private static final Duration LONG = Duration.ofHours(1);
    private static final Duration SHORT = Duration.ofMillis(1);

    private LioUring ring;

    @BeforeEach
    void setUp() {
        ring = new LioUring(16);
    }

    @AfterEach
    void tearDown() {
        ring.close();
    }

    static long[] timespecAt(long address) {
        MemorySegment ts = MemorySegment.ofAddress(address).reinterpret(16);
        return new long[] {ts.get(JAVA_LONG, 0), ts.get(JAVA_LONG, 8)};
    }

    // ------------------------------------------------------------------ encoding

    @Test
    void timeoutEncodesItsTimespecCountAndFlags() {
        SqeBytes sqe = SqeBytes.encode(new Timeout(Duration.ofSeconds(3, 500)).count(4).etimeSuccess().boottime());
        assertEquals(Opcode.TIMEOUT.code(), sqe.opcode());
        assertEquals(-1, sqe.fd());
        assertEquals(1, sqe.len());
        assertEquals(4, sqe.off());
        assertEquals(0x20 | 0x4, sqe.opFlags());
        assertEquals(3, timespecAt(sqe.addr())[0]);
        assertEquals(500, timespecAt(sqe.addr())[1]);
    }

    @Test
    void timeoutClockAbsoluteAndMultishotFlags() {
        assertEquals(0x1 | 0x8, SqeBytes.encode(new Timeout(LONG).boottime().realtime().absolute()).opFlags());
        assertEquals(0x40, SqeBytes.encode(new Timeout(SHORT).multishot().count(3)).opFlags());
    }

    @Test
    void multishotTimeoutMustBeRelative() {
        assertThrows(IllegalStateException.class, () -> new Timeout(LONG).absolute().multishot());
        assertThrows(IllegalStateException.class, () -> new Timeout(LONG).multishot().absolute());
        assertThrows(IllegalArgumentException.class, () -> new Timeout(LONG).count(-1));
        assertThrows(IllegalArgumentException.class, () -> new Timeout(Duration.ofSeconds(-1)));
    }

    @Test
    void timeoutRemoveEncodesTheTargetUserDataAndNoFlags() {
        SqeBytes sqe = SqeBytes.encode(new TimeoutRemove(0xABCDL));
        assertEquals(Opcode.TIMEOUT_REMOVE.code(), sqe.opcode());
        assertEquals(-1, sqe.fd());
        assertEquals(0xABCDL, sqe.addr());
        assertEquals(0, sqe.opFlags());
        assertEquals(0, sqe.len());
        assertEquals(0, sqe.off());
    }

    @Test
    void timeoutUpdateEncodesTargetNewTimespecInAddr2AndUpdateFlags() {
        SqeBytes sqe = SqeBytes.encode(new TimeoutUpdate(0xABCDL, Duration.ofSeconds(7, 9)));
        assertEquals(Opcode.TIMEOUT_REMOVE.code(), sqe.opcode());
        assertEquals(-1, sqe.fd());
        assertEquals(0xABCDL, sqe.addr());
        assertEquals(0x2, sqe.opFlags());
        assertEquals(0, sqe.len());
        assertNotEquals(0, sqe.off());
        assertEquals(7, timespecAt(sqe.off())[0]);
        assertEquals(9, timespecAt(sqe.off())[1]);

        assertEquals(0x2 | 0x10 | 0x1, SqeBytes.encode(new TimeoutUpdate(1, LONG).linkTimeout().absolute()).opFlags());
    }

    // ------------------------------------------------------------------ kernel

    @Test
    void relativeTimeoutFiresWithEtime() {
        ring.push(new Timeout(SHORT), 1);
        Completion c = Roundtrip.next(ring);
        assertEquals(1, c.userData());
        assertEquals(Errno.ETIME, c.errno());
    }

    @Test
    void absoluteTimeoutOnTheMonotonicClockFiresWithEtime() {
        Duration soon = Duration.ofNanos(System.nanoTime()).plus(SHORT); // nanoTime is CLOCK_MONOTONIC on Linux
        ring.push(new Timeout(soon).absolute(), 1);
        assertEquals(Errno.ETIME, Roundtrip.next(ring).errno());
    }

    @Test
    void boottimeTimeoutFiresWithEtime() {
        ring.push(new Timeout(SHORT).boottime(), 1);
        assertEquals(Errno.ETIME, Roundtrip.next(ring).errno());
    }

    @Test
    void countedTimeoutCompletesWithZeroOnceThatManyRequestsCompleted() {
        ring.push(new Timeout(LONG).count(1), 1);
        ring.push(new Nop(), 2);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
        assertEquals(0, done.get(2L).result());
        assertEquals(0, done.get(1L).result());
    }

    @Test
    void multishotTimeoutPostsOneCompletionPerPeriodWithMoreOnAllButTheLast() {
        ring.push(new Timeout(SHORT).multishot().count(3), 1);
        List<Completion> shots = Roundtrip.next(ring, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(1, shots.get(i).userData());
            assertEquals(Errno.ETIME, shots.get(i).errno());
            assertEquals(i < 2, shots.get(i).hasMore(), "shot " + i + ": " + shots.get(i));
        }
    }

    @Test
    void expiryWithEtimeSuccessLetsTheLinkedRequestRun() {
        ring.push(new Timeout(SHORT).etimeSuccess(), 1, SqeFlags.IO_LINK);
        ring.push(new Nop(), 2);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
        assertEquals(Errno.ETIME, done.get(1L).errno());
        assertEquals(0, done.get(2L).result(), "the chain went on");
    }

    @Test
    void expiryWithoutEtimeSuccessCancelsTheLinkedRequest() {
        ring.push(new Timeout(SHORT), 1, SqeFlags.IO_LINK);
        ring.push(new Nop(), 2);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
        assertEquals(Errno.ETIME, done.get(1L).errno());
        assertEquals(Errno.ECANCELED, done.get(2L).errno());
    }

    @Test
    void removedTimeoutCompletesWithEcanceledAndTheRemoveWithZero() {
        ring.push(new Timeout(LONG), 1);
        ring.submit();
        ring.push(new TimeoutRemove(1), 2);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
        assertEquals(Errno.ECANCELED, done.get(1L).errno());
        assertEquals(0, done.get(2L).result());
    }

    @Test
    void removeOfAnUnknownTimeoutFailsWithEnoent() {
        ring.push(new TimeoutRemove(404), 2);
        assertEquals(Errno.ENOENT, Roundtrip.next(ring).errno());
    }

    @Test
    void updateGivesAPendingTimeoutANewTime() {
        ring.push(new Timeout(LONG), 1);
        ring.submit();
        ring.push(new TimeoutUpdate(1, SHORT), 2);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
        assertEquals(0, done.get(2L).result());
        assertEquals(Errno.ETIME, done.get(1L).errno(), "fired at its new time, not in an hour");
    }

    @Test
    void updateOfAnUnknownTimeoutFailsWithEnoent() {
        ring.push(new TimeoutUpdate(404, SHORT), 2);
        assertEquals(Errno.ENOENT, Roundtrip.next(ring).errno());
    }

    @Test
    void aTimeoutCanBePushedAgainAfterItFired() {
        Timeout timeout = new Timeout(LONG);
        timeout.duration(SHORT);
        for (int i = 0; i < 2; i++) {
            ring.push(timeout, 10 + i);
            Completion c = Roundtrip.next(ring);
            assertEquals(10 + i, c.userData());
            assertEquals(Errno.ETIME, c.errno());
            assertFalse(c.hasMore());
        }
        assertTrue(ring.tryCompletion().isEmpty());
    }
}
