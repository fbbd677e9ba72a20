package io.liouring.fault;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.SyncCancel;
import io.liouring.operation.AsyncCancel;
import io.liouring.operation.PollAdd;
import io.liouring.operation.PollEvents;
import io.liouring.operation.Read;
import io.liouring.operation.Timeout;
import io.liouring.testing.PipeNative;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cancel storms: many waiting requests, several cancels aimed at each, cancels of everything at once. Every
 * cancelled request completes exactly once and every cancel completes exactly once; of the cancels aimed at one
 * request by user_data exactly one wins. (Cancels by fd or of any request may count a poll that an earlier cancel
 * already caught but whose completion has not run yet: their counts are an upper bound.)
 */
class CancelStormTest {
    private static final int TARGETS = 600;
    private static final int ENOENT = -Errno.ENOENT.number();
    private static final int EALREADY = -Errno.EALREADY.number();

    /** Reaps until {@code count} completions came, each user_data at most once. */
    private static Map<Long, Completion> reap(LioUring ring, int count) {
        Map<Long, Completion> seen = new HashMap<>();
        while (seen.size() < count) {
            Completion c = Roundtrip.next(ring);
            Completion before = seen.put(c.userData(), c);
            if (before != null) {
                throw new AssertionError("user_data " + c.userData() + " completed twice: " + before + ", " + c);
            }
        }
        return seen;
    }

    private static void pushAll(LioUring ring, Runnable... pushes) {
        for (Runnable push : pushes) {
            if (ring.sqSpaceLeft() == 0) {
                ring.submit();
            }
            push.run();
        }
    }

    @Test
    void threeCancelsPerRequestCancelEachExactlyOnce() {
        try (var ring = new LioUring(64, Params.builder().cqSize(4096).build()); var arena = Arena.ofConfined()) {
            PipeNative.Ends pipe = PipeNative.pipe();
            MemorySegment buffer = arena.allocate(16L * TARGETS);
            for (int i = 0; i < TARGETS; i++) {
                long target = i;
                pushAll(ring, () -> ring.push(target % 2 == 0 ? new PollAdd(pipe.readFd(), PollEvents.POLLIN)
                        : new Read(pipe.readFd(), buffer.asSlice(16 * target, 16), -1), target));
            }
            ring.submit();
            // the storm: three cancels for every request, interleaved
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < TARGETS; i++) {
                    long target = i;
                    long cancel = (round + 1L) * 10_000 + i;
                    pushAll(ring, () -> ring.push(AsyncCancel.byUserData(target), cancel));
                }
            }
            Map<Long, Completion> all = reap(ring, 4 * TARGETS);
            for (int i = 0; i < TARGETS; i++) {
                assertEquals(Errno.ECANCELED, all.get((long) i).errno(), "request " + i);
                int wins = 0;
                for (int round = 0; round < 3; round++) {
                    int r = all.get((round + 1L) * 10_000 + i).result();
                    assertTrue(r == 0 || r == ENOENT || r == EALREADY, "cancel of " + i + ": " + r);
                    wins += r == 0 ? 1 : 0;
                }
                assertEquals(1, wins, "cancels that found request " + i);
            }
            assertTrue(ring.waitCompletion(Duration.ofMillis(100)).isEmpty(), "no completion beyond one per request");
            pipe.close();
        }
    }

    @Test
    void cancelAnyAndCancelByFdCountWhatTheyCancel() {
        try (var ring = new LioUring(64, Params.builder().cqSize(2048).build())) {
            PipeNative.Ends first = PipeNative.pipe();
            PipeNative.Ends second = PipeNative.pipe();
            for (int i = 0; i < 300; i++) {
                long id = i;
                PipeNative.Ends pipe = i % 3 == 0 ? first : second;
                pushAll(ring, () -> ring.push(i(id) % 5 == 4 ? new Timeout(Duration.ofHours(1))
                        : new PollAdd(pipe.readFd(), PollEvents.POLLIN), id));
            }
            ring.submit();
            long onFirst = countPollsOn(0);
            ring.push(AsyncCancel.byFd(first.readFd()).all(), 1000);
            ring.push(AsyncCancel.any(), 1001);
            Map<Long, Completion> all = reap(ring, 302);
            assertEquals(onFirst, all.get(1000L).result(), "cancelled on the first pipe");
            // a poll cancelled by the first is still found by the second until its completion runs, and counted again
            int byAny = all.get(1001L).result();
            assertTrue(byAny >= 300 - onFirst && byAny <= 300, "cancelled by any: " + byAny);
            for (long i = 0; i < 300; i++) {
                assertEquals(Errno.ECANCELED, all.get(i).errno(), "request " + i);
            }
            assertTrue(ring.waitCompletion(Duration.ofMillis(100)).isEmpty(), "each request completed once");
            first.close();
            second.close();
        }
    }

    private static int i(long id) {
        return (int) id;
    }

    /** How many of the 300 requests are polls on pipe {@code which} (every third request, unless a timeout). */
    private static long countPollsOn(int which) {
        long n = 0;
        for (int i = 0; i < 300; i++) {
            if (i % 3 == which && i % 5 != 4) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aSynchronousCancelOfEverythingLeavesEachRequestWithOneCompletion() {
        try (var ring = new LioUring(64, Params.builder().cqSize(1024).build())) {
            PipeNative.Ends pipe = PipeNative.pipe();
            for (int i = 0; i < 500; i++) {
                long id = i;
                pushAll(ring, () -> ring.push(new PollAdd(pipe.readFd(), PollEvents.POLLIN), id));
            }
            ring.submit();
            assertEquals(500, ring.cancelSync(SyncCancel.any().all()));
            Map<Long, Completion> all = reap(ring, 500);
            all.values().forEach(c -> assertEquals(Errno.ECANCELED, c.errno(), c.toString()));
            assertEquals(0, ring.cancelSync(SyncCancel.any().all()), "nothing left");
            pipe.close();
        }
    }
}
