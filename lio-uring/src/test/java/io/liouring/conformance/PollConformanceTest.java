package io.liouring.conformance;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.operation.AsyncCancel;
import io.liouring.operation.PollAdd;
import io.liouring.operation.PollUpdate;
import io.liouring.testing.ControlNative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.liouring.operation.PollEvents.POLLIN;
import static io.liouring.operation.PollEvents.POLLOUT;
import static io.liouring.testing.Roundtrip.assertNothingWithin;
import static io.liouring.testing.Roundtrip.byUserData;
import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Polls among each other: a one-shot poll fires once however long its file stays ready, many polls on one file all
 * fire on one event, a multishot poll stays armed across wake-ups and updates, and cancelling every poll ends each
 * of them with -ECANCELED and without MORE.
 */
class PollConformanceTest {
    private static final Duration QUIET = Duration.ofMillis(50);

    private LioUring ring;
    private int[] pipe;

    @BeforeEach
    void setUp() {
        ring = new LioUring(64);
        pipe = ControlNative.pipe();
    }

    @AfterEach
    void tearDown() {
        ring.close();
        ControlNative.close(pipe);
    }

    @Test
    void aOneShotPollFiresOnceHoweverLongItsFileStaysReady() {
        ring.push(new PollAdd(pipe[0], POLLIN), 1);
        ring.submit();
        ControlNative.write(pipe[1], "x");
        Completion c = next(ring);
        assertTrue((c.result() & POLLIN) != 0, "readable: " + c);
        assertFalse(c.hasMore());
        ControlNative.write(pipe[1], "more"); // still readable, and a new wake-up
        assertNothingWithin(ring, QUIET);
    }

    @Test
    void aOneShotPollOnAFileThatIsAlreadyReadyFiresAtOnce() {
        ControlNative.write(pipe[1], "x");
        ring.push(new PollAdd(pipe[0], POLLIN), 1);
        assertTrue((next(ring).result() & POLLIN) != 0);
    }

    @Test
    void fiftyPollsOnOneFileAllFireOnOneWrite() {
        for (int i = 0; i < 50; i++) {
            ring.push(new PollAdd(pipe[0], POLLIN), i);
        }
        ring.submit();
        assertNothingWithin(ring, QUIET);
        ControlNative.write(pipe[1], "x");
        Map<Long, Completion> fired = byUserData(ring, 50);
        fired.values().forEach(c -> assertTrue((c.result() & POLLIN) != 0, "readable: " + c));
    }

    @Test
    void aMultishotPollStaysArmedAcrossWakeUpsAndAnUpdateOfItsEvents() {
        ring.push(new PollAdd(pipe[1], POLLOUT).multishot(), 1);
        Completion writable = next(ring);
        assertTrue((writable.result() & POLLOUT) != 0 && writable.hasMore(), "an empty pipe is writable: " + writable);
        ring.push(new PollUpdate(1).events(POLLIN), 2); // a write end never becomes readable
        boolean updated = false;
        while (!updated) {
            Completion c = next(ring);
            updated = c.userData() == 2;
            if (updated) {
                assertEquals(0, c.result());
            } else {
                assertTrue(c.hasMore(), "POLLOUT wake-ups before the update: " + c);
            }
        }
        ControlNative.write(pipe[1], "x");
        ControlNative.read(pipe[0], 1); // wakes the write end: POLLOUT no longer counts
        assertNothingWithin(ring, QUIET);

        ring.push(new PollUpdate(1).events(POLLOUT).userData(3), 4);
        Map<Long, Completion> done = byUserData(ring, 2);
        assertEquals(0, done.get(4L).result());
        assertTrue(done.get(3L).hasMore(), "still multishot after two updates, with its new user data: " + done);
    }

    @Test
    void cancellingEveryPollEndsEachWithoutMore() {
        for (int i = 0; i < 10; i++) {
            PollAdd poll = new PollAdd(pipe[0], POLLIN);
            ring.push(i % 2 == 0 ? poll.multishot() : poll, i);
        }
        ring.submit();
        ring.push(AsyncCancel.byOpcode(Opcode.POLL_ADD).all(), 100);
        Map<Long, Completion> done = byUserData(ring, 11);
        assertEquals(10, done.get(100L).result());
        for (long ud = 0; ud < 10; ud++) {
            assertEquals(Errno.ECANCELED, done.get(ud).errno(), "poll " + ud);
            assertFalse(done.get(ud).hasMore(), "poll " + ud + " ended");
        }
        ControlNative.write(pipe[1], "x");
        assertNothingWithin(ring, QUIET);
    }

    @Test
    void cancellingThePollsOfOneFileLeavesThoseOfAnother() {
        int[] other = ControlNative.pipe();
        try {
            ring.push(new PollAdd(pipe[0], POLLIN).multishot(), 1);
            ring.push(new PollAdd(pipe[0], POLLIN), 2);
            ring.push(new PollAdd(other[0], POLLIN).multishot(), 3);
            ring.submit();
            ring.push(AsyncCancel.byFd(pipe[0]).all(), 4);
            Map<Long, Completion> done = byUserData(ring, 3);
            assertEquals(2, done.get(4L).result());
            assertFalse(done.get(1L).hasMore());
            assertEquals(Errno.ECANCELED, done.get(2L).errno());

            ControlNative.write(other[1], "x");
            Completion c = next(ring);
            assertEquals(3, c.userData());
            assertTrue(c.hasMore(), "the other file's poll is still armed: " + c);
        } finally {
            ring.close(); // before the other pipe
            ControlNative.close(other);
        }
    }
}
