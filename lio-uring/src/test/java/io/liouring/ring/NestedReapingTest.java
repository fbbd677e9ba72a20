package io.liouring.ring;

import io.liouring.Completion;
import io.liouring.CompletionHandler;
import io.liouring.LioUring;
import io.liouring.operation.Nop;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A completion handler may not reap the ring whose {@code forEachCompletion} pass called it: a nested pass would move
 * the completion head past the end the outer pass captured, and the outer pass would then read stale slots as
 * completions. Every way of reaping is refused with an {@link IllegalStateException}, and the outer pass goes on to
 * deliver each completion exactly once. Pushing and submitting from a handler stay legal, as in liburing.
 */
class NestedReapingTest {
    @Test
    void reapingFromInsideAHandlerIsRefusedAndTheOuterPassDeliversEveryCompletionOnce() {
        try (var ring = new LioUring(8)) {
            Nop nop = new Nop();
            for (int i = 1; i <= 3; i++) {
                ring.push(nop, i);
            }
            ring.submitAndWait(3);
            while (ring.cqReady() < 3) {
                ring.submitAndWait(1);
            }
            List<Long> delivered = new ArrayList<>();
            List<IllegalStateException> refusals = new ArrayList<>();
            CompletionHandler nested = (userData, result, flags) -> delivered.add(-userData);
            List<Executable> reaps = List.of(
                    () -> ring.forEachCompletion(nested),
                    ring::tryCompletion,
                    ring::peekCompletion,
                    ring::waitCompletion,
                    () -> ring.waitCompletion(Duration.ofMillis(1)),
                    () -> ring.waitCompletion(1, Duration.ZERO, Duration.ofMillis(1)));

            int handled = ring.forEachCompletion((userData, result, flags) -> {
                delivered.add(userData);
                if (userData == 1) {
                    ring.push(nop, 4); // legal in a handler; its completion belongs to a later pass
                    ring.submit();
                }
                for (Executable reap : reaps) {
                    refusals.add(assertThrows(IllegalStateException.class, reap));
                }
            });

            assertEquals(3, handled);
            assertEquals(List.of(1L, 2L, 3L), delivered, "each completion of the pass, once, in order");
            assertEquals(3 * reaps.size(), refusals.size());
            for (IllegalStateException e : refusals) {
                assertTrue(e.getMessage().startsWith("forEachCompletion is not reentrant: "), e.getMessage());
            }
            // the request pushed from the handler completes normally, and the ring reaps as usual after the pass
            Completion late = Roundtrip.next(ring);
            assertEquals(4, late.userData());
            assertEquals(0, late.result());
            assertEquals(0, ring.cqReady());
        }
    }

    @Test
    void aHandlerThatThrowsLeavesTheRingReapableAgain() {
        try (var ring = new LioUring(4)) {
            ring.push(new Nop(), 1);
            ring.push(new Nop(), 2);
            ring.submitAndWait(2);
            while (ring.cqReady() < 2) {
                ring.submitAndWait(1);
            }
            assertThrows(ArithmeticException.class, () -> ring.forEachCompletion((userData, result, flags) -> {
                throw new ArithmeticException("handler failed on " + userData);
            }));
            List<Long> rest = new ArrayList<>();
            assertEquals(1, ring.forEachCompletion((userData, result, flags) -> rest.add(userData)));
            assertEquals(List.of(2L), rest);
        }
    }
}
