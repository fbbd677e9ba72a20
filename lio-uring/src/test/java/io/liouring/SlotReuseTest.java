package io.liouring;

import io.liouring.operation.Nop;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A submission slot carries nothing from the entry it held before: the kernel sees only what the new operation
 * wrote. A one-entry ring reuses slot 0 for every push; a NOP with stale {@code IORING_NOP_INJECT_RESULT} bits
 * would complete with the stale result instead of 0.
 */
class SlotReuseTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void aReusedSlotDoesNotKeepFieldsOfItsPreviousEntry() {
        try (var ring = new LioUring(1)) {
            ring.push(new Nop().injectResult(-Errno.EIO.number()), 1);
            ring.submit();
            assertEquals(-Errno.EIO.number(), ring.waitCompletion(TIMEOUT).orElseThrow().result());

            ring.push(new Nop(), 2);
            ring.submit();
            Completion plain = ring.waitCompletion(TIMEOUT).orElseThrow();
            assertEquals(2, plain.userData());
            assertEquals(0, plain.result());
        }
    }

    @Test
    void anOperationThatFailsToEncodeLeavesItsSlotClean() {
        try (var ring = new LioUring(1)) {
            Operation broken = sqe -> {
                sqe.opcode(Opcode.NOP).opFlags(1).len(-Errno.EIO.number());
                throw new IllegalStateException("refused after writing half an entry");
            };
            assertThrows(IllegalStateException.class, () -> ring.push(broken, 1));

            ring.push(new Nop(), 2);
            ring.submit();
            Completion plain = ring.waitCompletion(TIMEOUT).orElseThrow();
            assertEquals(2, plain.userData());
            assertEquals(0, plain.result());
        }
    }
}
