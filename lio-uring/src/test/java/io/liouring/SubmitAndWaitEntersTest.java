package io.liouring;

import io.liouring.operation.Nop;
import io.liouring.operation.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How many times {@link LioUring#submitAndWait(int)} enters the kernel: a few entries are submitted alone first
 * (a critical downcall, which cannot block), and the wait is entered only if the completions asked for are not ready
 * then; after such a miss the next waits go straight to the kernel for a while.
 */
class SubmitAndWaitEntersTest {
    private static Params setup(String name) {
        return name.equals("defer_taskrun") ? Params.builder().deferTaskrun().build() : Params.defaults();
    }

    private static List<Completion> reapAll(LioUring ring) {
        List<Completion> reaped = new ArrayList<>();
        ring.forEachCompletion((userData, result, flags) -> reaped.add(new Completion(userData, result, flags)));
        return reaped;
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "defer_taskrun"})
    void requestsThatCompleteWhileSubmittedNeedOneEnterAndNoWait(String setup) {
        try (var ring = new LioUring(16, setup(setup))) {
            Nop nop = new Nop();
            for (int round = 0; round < 100; round++) {
                ring.push(nop, round);
                ring.push(nop, round + 1000);
                long enters = ring.enterCalls;
                assertEquals(2, ring.submitAndWait(2));
                assertEquals(enters + 1, ring.enterCalls, "one submission, no wait, in round " + round);
                List<Completion> reaped = reapAll(ring);
                assertEquals(List.of((long) round, round + 1000L), reaped.stream().map(Completion::userData).toList());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "defer_taskrun"})
    void aRequestThatCompletesLaterIsWaitedForAndTheNextWaitsGoStraightToTheKernel(String setup) {
        try (var ring = new LioUring(16, setup(setup))) {
            Timeout timeout = new Timeout(Duration.ofMillis(20));
            ring.push(timeout, 1);
            long enters = ring.enterCalls;
            assertEquals(1, ring.submitAndWait(1));
            assertEquals(enters + 2, ring.enterCalls, "submitted alone, then entered again to wait");
            Completion first = ring.tryCompletion().orElseThrow();
            assertEquals(1, first.userData());
            assertEquals(Errno.ETIME, first.errno());

            for (int round = 2; round < 6; round++) {
                ring.push(timeout, round);
                enters = ring.enterCalls;
                assertEquals(1, ring.submitAndWait(1));
                assertEquals(enters + 1, ring.enterCalls, "submitted and waited in one enter, in round " + round);
                Completion c = ring.tryCompletion().orElseThrow();
                assertEquals(round, c.userData());
                assertEquals(Errno.ETIME, c.errno());
            }
        }
    }

    @Test
    void whenSomeCompleteWhileSubmittedItWaitsForTheRest() {
        try (var ring = new LioUring(16)) {
            ring.push(new Nop(), 1);
            ring.push(new Timeout(Duration.ofMillis(20)), 2);
            assertEquals(2, ring.submitAndWait(2));
            assertTrue(ring.cqReady() >= 2, "both completions are ready: " + ring.cqReady());
            List<Completion> reaped = reapAll(ring);
            assertEquals(List.of(1L, 2L), reaped.stream().map(Completion::userData).toList());
            assertEquals(Errno.ETIME, reaped.get(1).errno());
        }
    }

    @Test
    void manyEntriesAreSubmittedAndWaitedForInOneEnter() {
        try (var ring = new LioUring(64)) {
            Nop nop = new Nop();
            for (int i = 0; i < 32; i++) {
                ring.push(nop, i);
            }
            long enters = ring.enterCalls;
            assertEquals(32, ring.submitAndWait(32));
            assertEquals(enters + 1, ring.enterCalls);
            assertEquals(32, reapAll(ring).size());
        }
    }

    @Test
    void submitAndWaitForNoneSubmitsInOneEnter() {
        try (var ring = new LioUring(16)) {
            ring.push(new Nop(), 5);
            long enters = ring.enterCalls;
            assertEquals(1, ring.submitAndWait(0));
            assertEquals(enters + 1, ring.enterCalls);
            assertEquals(5, ring.waitCompletion().userData());
        }
    }
}
