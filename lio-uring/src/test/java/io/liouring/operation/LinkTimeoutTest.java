package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.SqeFlags;
import io.liouring.testing.ControlNative;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LinkTimeoutTest {
    private LioUring ring;
    private Arena arena;
    private int readEnd;
    private int writeEnd;

    @BeforeEach
    void setUp() {
        ring = new LioUring(16);
        arena = Arena.ofConfined();
        int[] pipe = ControlNative.pipe();
        readEnd = pipe[0];
        writeEnd = pipe[1];
    }

    @AfterEach
    void tearDown() {
        ring.close(); // cancels anything still in flight before the buffers go
        arena.close();
        ControlNative.close(readEnd, writeEnd);
    }

    @Test
    void encodesTimespecLenOneAndNoCount() {
        SqeBytes sqe = SqeBytes.encode(new LinkTimeout(Duration.ofMillis(50)).realtime().absolute());
        assertEquals(Opcode.LINK_TIMEOUT.code(), sqe.opcode());
        assertEquals(-1, sqe.fd());
        assertEquals(1, sqe.len());
        assertEquals(0, sqe.off());
        assertEquals(0x8 | 0x1, sqe.opFlags());
        assertEquals(0, TimeoutTest.timespecAt(sqe.addr())[0]);
        assertEquals(50_000_000, TimeoutTest.timespecAt(sqe.addr())[1]);
    }

    @Test
    void aReadThatTakesTooLongIsCancelledAndTheLinkTimeoutExpires() {
        ring.push(new Read(readEnd, arena.allocate(16)), 1, SqeFlags.IO_LINK);
        ring.push(new LinkTimeout(Duration.ofMillis(50)), 2);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
        assertEquals(Errno.ECANCELED, done.get(1L).errno());
        assertEquals(Errno.ETIME, done.get(2L).errno());
    }

    @Test
    void aRequestThatCompletesInTimeCancelsItsLinkTimeout() {
        ring.push(new Nop(), 1, SqeFlags.IO_LINK);
        ring.push(new LinkTimeout(Duration.ofHours(1)), 2);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
        assertEquals(0, done.get(1L).result());
        assertEquals(Errno.ECANCELED, done.get(2L).errno());
    }

    @Test
    void aReadThatGetsDataInTimeCompletesNormally() {
        ControlNative.write(writeEnd, "hello");
        ring.push(new Read(readEnd, arena.allocate(16)), 1, SqeFlags.IO_LINK);
        ring.push(new LinkTimeout(Duration.ofHours(1)), 2);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
        assertEquals(5, done.get(1L).result());
        assertEquals(Errno.ECANCELED, done.get(2L).errno());
    }

    @Test
    void withoutALinkedRequestBeforeItTheKernelRefusesIt() {
        ring.push(new LinkTimeout(Duration.ofMillis(1)), 1);
        assertEquals(Errno.EINVAL, Roundtrip.next(ring).errno());
    }

    @Test
    void updateGivesAPendingLinkTimeoutANewTime() {
        ring.push(new Read(readEnd, arena.allocate(16)), 1, SqeFlags.IO_LINK);
        ring.push(new LinkTimeout(Duration.ofHours(1)), 2);
        ring.submit();
        ring.push(new TimeoutUpdate(2, Duration.ofMillis(1)).linkTimeout(), 3);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 3);
        assertEquals(0, done.get(3L).result());
        assertEquals(Errno.ETIME, done.get(2L).errno(), "expired at its new time, not in an hour");
        assertEquals(Errno.ECANCELED, done.get(1L).errno());
    }
}
