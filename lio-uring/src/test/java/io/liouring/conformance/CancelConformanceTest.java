package io.liouring.conformance;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Link;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SyncCancel;
import io.liouring.operation.AsyncCancel;
import io.liouring.operation.Nop;
import io.liouring.operation.PollAdd;
import io.liouring.operation.PollEvents;
import io.liouring.operation.Read;
import io.liouring.operation.Timeout;
import io.liouring.testing.ControlNative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.Map;

import static io.liouring.testing.Roundtrip.byUserData;
import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cancellation at scale and in combination: every cancelled request completes exactly once with -ECANCELED,
 * the cancel reports how many it hit, requests it does not match are untouched, and a synchronous cancel
 * returns only once the cancelled requests' completions are posted.
 */
class CancelConformanceTest {
    private static final int STORM = 100;

    private final LioUring ring = new LioUring(128);
    private final Arena arena = Arena.ofConfined();
    private final int[] pipe = ControlNative.pipe();
    private final int[] otherPipe = ControlNative.pipe();

    @AfterEach
    void tearDown() {
        ring.close(); // cancels what is still in flight before the buffers go
        arena.close();
        ControlNative.close(pipe[0], pipe[1], otherPipe[0], otherPipe[1]);
    }

    private void pushPendingReads(int fd, int count, long firstUserData) {
        for (int i = 0; i < count; i++) {
            ring.push(new Read(fd, arena.allocate(8)), firstUserData + i);
        }
        ring.submit();
    }

    private static void assertAllCancelled(Map<Long, Completion> done, long first, int count) {
        for (long ud = first; ud < first + count; ud++) {
            Completion c = done.get(ud);
            assertEquals(Errno.ECANCELED, c == null ? null : c.errno(), "read " + ud + ": " + c);
        }
    }

    @Test
    void aStormOfAHundredPendingReadsIsCancelledByOneRequestEachReadOnce() {
        pushPendingReads(pipe[0], STORM, 1);
        ring.push(AsyncCancel.byFd(pipe[0]).all(), 1000);
        Map<Long, Completion> done = byUserData(ring, STORM + 1);
        assertEquals(STORM, done.get(1000L).result(), "the cancel counts what it hit");
        assertAllCancelled(done, 1, STORM);
        assertEquals(0, ring.cqReady(), "nothing completes twice");
    }

    @Test
    void aHundredCancelsByUserDataEachFindTheirOwnRead() {
        pushPendingReads(pipe[0], STORM, 1);
        for (int i = 0; i < STORM; i++) {
            ring.push(AsyncCancel.byUserData(1 + i), 1001 + i);
        }
        Map<Long, Completion> done = byUserData(ring, 2 * STORM);
        assertAllCancelled(done, 1, STORM);
        for (long ud = 1001; ud < 1001 + STORM; ud++) {
            assertEquals(0, done.get(ud).result(), "cancel " + ud);
        }
    }

    @Test
    void cancellingByOpcodeInAMixLeavesEveryOtherRequestPending() {
        pushPendingReads(pipe[0], 10, 1);
        ring.push(new PollAdd(otherPipe[0], PollEvents.POLLIN), 20);
        ring.push(new Timeout(Duration.ofHours(1)), 21);
        ring.submit();
        ring.push(AsyncCancel.byOpcode(Opcode.READ).all(), 30);
        Map<Long, Completion> done = byUserData(ring, 11);
        assertEquals(10, done.get(30L).result());
        assertAllCancelled(done, 1, 10);

        ControlNative.write(otherPipe[1], "x");
        Completion poll = next(ring);
        assertEquals(20, poll.userData(), "the poll is still armed: " + poll);
        ring.push(AsyncCancel.any(), 31);
        Map<Long, Completion> rest = byUserData(ring, 2);
        assertEquals(Errno.ECANCELED, rest.get(21L).errno(), "so is the timeout");
        assertEquals(1, rest.get(31L).result());
    }

    @Test
    void cancellingTheHeadOfAChainCancelsTheRestOfIt() {
        Link.of(new Read(pipe[0], arena.allocate(8)), new Nop(), new Nop()).pushTo(ring, 1);
        ring.submit();
        ring.push(AsyncCancel.byUserData(1), 9);
        Map<Long, Completion> done = byUserData(ring, 4);
        assertEquals(0, done.get(9L).result());
        assertAllCancelled(done, 1, 3);
    }

    @Test
    void aRequestThatAlreadyCompletedCannotBeCancelled() {
        ControlNative.write(pipe[1], "done");
        ring.push(new Read(pipe[0], arena.allocate(8)), 1);
        assertEquals(4, next(ring).result());
        ring.push(AsyncCancel.byUserData(1), 2);
        assertEquals(Errno.ENOENT, next(ring).errno());
    }

    @Test
    void aSyncCancelReturnsWithTheReadsCompletionAlreadyPosted() {
        pushPendingReads(pipe[0], 1, 1);
        assertEquals(1, ring.cancelSync(SyncCancel.userData(1)));
        assertTrue(ring.cqReady() > 0, "no wait needed: the completion is there when cancelSync returns");
        assertEquals(Errno.ECANCELED, ring.tryCompletion().orElseThrow().errno());
    }

    @Test
    void aSyncCancelOfAllReadsOnAFileLeavesReadsOnOtherFilesRunning() {
        pushPendingReads(pipe[0], STORM, 1);
        pushPendingReads(otherPipe[0], 1, 500);
        assertEquals(STORM, ring.cancelSync(SyncCancel.fd(pipe[0]).all()));
        assertTrue(ring.cqReady() >= STORM, "all cancelled reads are posted: " + ring.cqReady());
        assertAllCancelled(byUserData(ring, STORM), 1, STORM);

        ControlNative.write(otherPipe[1], "abc");
        Completion survivor = next(ring);
        assertEquals(500, survivor.userData());
        assertEquals(3, survivor.result());
    }
}
