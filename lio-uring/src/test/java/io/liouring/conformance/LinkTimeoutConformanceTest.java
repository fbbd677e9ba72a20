package io.liouring.conformance;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Link;
import io.liouring.LioUring;
import io.liouring.operation.LinkTimeout;
import io.liouring.operation.Nop;
import io.liouring.operation.Read;
import io.liouring.operation.Timeout;
import io.liouring.testing.ControlNative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.Map;

import static io.liouring.testing.Roundtrip.byUserData;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * IORING_OP_LINK_TIMEOUT in chains: it bounds the one request before it, its clock starts when that request
 * starts, and the chain goes on after it (or is cancelled) as that request's outcome decides.
 */
class LinkTimeoutConformanceTest {
    private LioUring ring;
    private Arena arena;
    private int[] pipe;

    @BeforeEach
    void setUp() {
        ring = new LioUring(8);
        arena = Arena.ofConfined();
        pipe = ControlNative.pipe();
    }

    @AfterEach
    void tearDown() {
        ring.close(); // cancels what is still in flight before its buffer goes
        arena.close();
        ControlNative.close(pipe);
    }

    private Read pendingRead() {
        return new Read(pipe[0], arena.allocate(16));
    }

    @Test
    void aLinkTimeoutInTheMiddleCancelsItsRequestAndTheRestOfTheChain() {
        Link.of(new Nop(), pendingRead(), new LinkTimeout(Duration.ofMillis(20)), new Nop()).pushTo(ring, 1);
        ring.submit();
        Map<Long, Completion> done = byUserData(ring, 4);
        assertEquals(0, done.get(1L).result());
        assertEquals(Errno.ECANCELED, done.get(2L).errno(), "the read timed out");
        assertEquals(Errno.ETIME, done.get(3L).errno());
        assertEquals(Errno.ECANCELED, done.get(4L).errno(), "the chain broke at the read");
    }

    @Test
    void whenItsRequestCompletesInTimeTheChainGoesOnPastTheLinkTimeout() {
        ControlNative.write(pipe[1], "data");
        Read exact = new Read(pipe[0], arena.allocate(4)); // a short read would break the chain by itself
        Link.of(new Nop(), exact, new LinkTimeout(Duration.ofHours(1)), new Nop()).pushTo(ring, 1);
        ring.submit();
        Map<Long, Completion> done = byUserData(ring, 4);
        assertEquals(0, done.get(1L).result());
        assertEquals(4, done.get(2L).result());
        assertEquals(Errno.ECANCELED, done.get(3L).errno(), "the link timeout is disarmed");
        assertEquals(0, done.get(4L).result());
    }

    @Test
    void itsClockStartsWhenItsRequestStartsNotWhenTheChainIsSubmitted() {
        // a slow head (50 ms) before a read bounded to 20 ms whose data is there from the start: had the 20 ms
        // counted from submission, the read would have been cancelled before it began
        ControlNative.write(pipe[1], "late");
        Link.of(new Timeout(Duration.ofMillis(50)).etimeSuccess(), pendingRead(), new LinkTimeout(Duration.ofMillis(20)))
                .pushTo(ring, 1);
        ring.submit();
        Map<Long, Completion> done = byUserData(ring, 3);
        assertEquals(Errno.ETIME, done.get(1L).errno());
        assertEquals(4, done.get(2L).result(), "the read ran, and found its data at once");
        assertEquals(Errno.ECANCELED, done.get(3L).errno());
    }

    @Test
    void aLinkTimeoutBoundsOnlyTheRequestRightBeforeIt() {
        Link.of(pendingRead(), new LinkTimeout(Duration.ofMillis(10)), pendingRead(), new LinkTimeout(Duration.ofHours(1)))
                .pushTo(ring, 1);
        ring.submit();
        Map<Long, Completion> done = byUserData(ring, 4);
        assertEquals(Errno.ECANCELED, done.get(1L).errno());
        assertEquals(Errno.ETIME, done.get(2L).errno());
        assertEquals(Errno.ECANCELED, done.get(3L).errno(), "never started: the chain broke before it");
        assertEquals(Errno.ECANCELED, done.get(4L).errno());
    }
}
