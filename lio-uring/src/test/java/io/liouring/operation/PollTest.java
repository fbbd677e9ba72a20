package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.testing.ControlNative;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.liouring.operation.PollEvents.POLLIN;
import static io.liouring.operation.PollEvents.POLLOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PollTest {
    private LioUring ring;
    private int readEnd;
    private int writeEnd;

    @BeforeEach
    void setUp() {
        ring = new LioUring(16);
        int[] pipe = ControlNative.pipe();
        readEnd = pipe[0];
        writeEnd = pipe[1];
    }

    @AfterEach
    void tearDown() {
        ring.close();
        ControlNative.close(readEnd, writeEnd);
    }

    // ------------------------------------------------------------------ encoding

    @Test
    void pollAddEncodesFdEventsAndNoFlags() {
        SqeBytes sqe = SqeBytes.encode(new PollAdd(7, POLLIN | POLLOUT));
        assertEquals(Opcode.POLL_ADD.code(), sqe.opcode());
        assertEquals(7, sqe.fd());
        assertEquals(POLLIN | POLLOUT, sqe.opFlags());
        assertEquals(0, sqe.len());
        assertEquals(0, sqe.addr());
        assertEquals(0, sqe.off());
    }

    @Test
    void multishotGoesInLen() {
        assertEquals(1, SqeBytes.encode(new PollAdd(7, POLLIN).multishot()).len());
    }

    @Test
    void pollRemoveEncodesTheTargetUserDataInAddr() {
        SqeBytes sqe = SqeBytes.encode(new PollRemove(0x1234_5678_9ABCL));
        assertEquals(Opcode.POLL_REMOVE.code(), sqe.opcode());
        assertEquals(-1, sqe.fd());
        assertEquals(0x1234_5678_9ABCL, sqe.addr());
        assertEquals(0, sqe.len());
        assertEquals(0, sqe.opFlags());
    }

    @Test
    void pollUpdateEncodesNewEventsAndUserDataWithTheirFlags() {
        SqeBytes both = SqeBytes.encode(new PollUpdate(5).events(POLLOUT).userData(99));
        assertEquals(Opcode.POLL_REMOVE.code(), both.opcode());
        assertEquals(5, both.addr());
        assertEquals(2 | 4, both.len());
        assertEquals(99, both.off());
        assertEquals(POLLOUT, both.opFlags());

        SqeBytes eventsOnly = SqeBytes.encode(new PollUpdate(5).events(POLLIN));
        assertEquals(2, eventsOnly.len());
        assertEquals(0, eventsOnly.off());

        SqeBytes userDataOnly = SqeBytes.encode(new PollUpdate(5).userData(6));
        assertEquals(4, userDataOnly.len());
        assertEquals(0, userDataOnly.opFlags());
    }

    @Test
    void pollUpdateThatChangesNothingIsRefused() {
        assertThrows(IllegalStateException.class, () -> SqeBytes.encode(new PollUpdate(5)));
    }

    // ------------------------------------------------------------------ kernel

    @Test
    void oneShotPollFiresWithPollinOnceDataIsWritten() {
        ring.push(new PollAdd(readEnd, POLLIN), 1);
        ring.submit();
        assertTrue(ring.tryCompletion().isEmpty(), "an empty pipe is not readable");

        ControlNative.write(writeEnd, "x");
        Completion c = Roundtrip.next(ring);
        assertEquals(1, c.userData());
        assertTrue((c.result() & POLLIN) != 0, "result " + c);
        assertFalse(c.hasMore(), "a one-shot poll is done after one completion");
    }

    @Test
    void multishotPollPostsACompletionWithMoreOnEveryWakeup() {
        ring.push(new PollAdd(readEnd, POLLIN).multishot(), 1);
        ring.submit();
        for (int i = 0; i < 3; i++) {
            ControlNative.write(writeEnd, "x");
            Completion c = Roundtrip.next(ring);
            assertEquals(1, c.userData());
            assertTrue((c.result() & POLLIN) != 0, "result " + c);
            assertTrue(c.hasMore(), "still armed: " + c);
            ControlNative.read(readEnd, 16);
        }

        ring.push(new PollRemove(1), 2);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
        assertEquals(Errno.ECANCELED, done.get(1L).errno());
        assertFalse(done.get(1L).hasMore());
        assertEquals(0, done.get(2L).result());
    }

    @Test
    void removeCancelsThePollAndSucceeds() {
        ring.push(new PollAdd(readEnd, POLLIN), 1);
        ring.submit();
        ring.push(new PollRemove(1), 2);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
        assertEquals(Errno.ECANCELED, done.get(1L).errno());
        assertEquals(0, done.get(2L).result());
    }

    @Test
    void removeOfAnUnknownPollFailsWithEnoent() {
        ring.push(new PollRemove(404), 2);
        assertEquals(Errno.ENOENT, Roundtrip.next(ring).errno());
    }

    @Test
    void updateChangesTheEventsAPollWaitsFor() {
        ring.push(new PollAdd(readEnd, POLLOUT), 1); // a read end never becomes writable
        ring.submit();
        ControlNative.write(writeEnd, "x");
        assertTrue(ring.tryCompletion().isEmpty(), "POLLOUT never fires on a read end");

        ring.push(new PollUpdate(1).events(POLLIN), 2);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
        assertEquals(0, done.get(2L).result());
        assertTrue((done.get(1L).result() & POLLIN) != 0, "the updated poll sees the waiting byte: " + done.get(1L));
    }

    @Test
    void updateChangesTheUserDataThePollCompletesWith() {
        ring.push(new PollAdd(readEnd, POLLIN), 1);
        ring.submit();
        ring.push(new PollUpdate(1).userData(77), 2);
        assertEquals(0, Roundtrip.next(ring).result());

        ControlNative.write(writeEnd, "x");
        Completion c = Roundtrip.next(ring);
        assertEquals(77, c.userData());
        assertTrue((c.result() & POLLIN) != 0, "result " + c);
    }

    @Test
    void aOneShotPollOnAReadyDescriptorCompletesAtOnceAgainAndAgain() {
        ControlNative.write(writeEnd, "x");
        for (int i = 0; i < 3; i++) { // never drained: each new arming finds it readable (level-triggered)
            ring.push(new PollAdd(readEnd, POLLIN), i);
            Completion c = Roundtrip.next(ring);
            assertEquals(i, c.userData());
            assertTrue((c.result() & POLLIN) != 0, "result " + c);
        }
    }

    @Test
    void aMultishotPollPostsPerWakeupNotForDataLeftUnread() {
        ring.push(new PollAdd(readEnd, POLLIN).multishot(), 1);
        ring.submit();
        ControlNative.write(writeEnd, "x");
        assertTrue(Roundtrip.next(ring).hasMore());
        Roundtrip.assertNothingWithin(ring, Duration.ofMillis(50)); // the byte is still unread: no new completion
        ControlNative.write(writeEnd, "y");
        Completion second = Roundtrip.next(ring);
        assertTrue((second.result() & POLLIN) != 0 && second.hasMore(), "a new wakeup: " + second);
    }

    @Test
    void theKernelRefusesTheLevelTriggeredFlagOfTheAbi() {
        int pollAddLevel = 1 << 3; // IORING_POLL_ADD_LEVEL: why PollAdd has no levelTriggered()
        ControlNative.write(writeEnd, "x");
        ring.push(sqe -> sqe.opcode(Opcode.POLL_ADD).fd(readEnd).len(pollAddLevel).opFlags(POLLIN), 1);
        assertEquals(Errno.EINVAL, Roundtrip.next(ring).errno());
    }
}
