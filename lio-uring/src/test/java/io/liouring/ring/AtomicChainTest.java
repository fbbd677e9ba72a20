package io.liouring.ring;

import io.liouring.Completion;
import io.liouring.Link;
import io.liouring.LioUring;
import io.liouring.operation.Nop;
import io.liouring.operation.Read;
import io.liouring.operation.UringCmd80;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A chain ({@link Link#pushTo}) is pushed whole or not at all: when an operation after the first cannot be encoded,
 * the entries already pushed for the chain are taken back, so no half chain is left waiting with {@code IO_LINK}
 * for whatever is pushed next.
 */
class AtomicChainTest {
    @Test
    void aChainWhoseSecondOperationFailsToEncodeLeavesNothingQueued() {
        try (var ring = new LioUring(8)) {
            Read unreadable;
            try (Arena arena = Arena.ofConfined()) {
                unreadable = new Read(0, arena.allocate(16)); // its buffer is freed before the push
            }
            int spaceBefore = ring.sqSpaceLeft();

            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Link.of(new Nop(), unreadable).pushTo(ring, 10));
            assertTrue(e.getMessage().contains("arena that was closed"), e.getMessage());
            assertEquals(spaceBefore, ring.sqSpaceLeft(), "the chain's first entry was taken back");

            ring.push(new Nop(), 20);
            ring.submit();
            Completion c = Roundtrip.next(ring);
            assertEquals(20, c.userData(), "only the unrelated request reached the kernel: " + c);
            assertEquals(0, c.result(), "it ran on its own, not as the cancelled tail of a broken chain: " + c);
            Roundtrip.assertNothingWithin(ring, Duration.ofMillis(50));
        }
    }

    @Test
    void aChainFailingAfterSeveralPushedEntriesIsTakenBackWholeAndTheRingStaysUsable() {
        try (var ring = new LioUring(8)) {
            // a 128-byte-SQE command on a ring of 64-byte SQEs: refused when it is encoded, as the 4th entry
            Link chain = Link.of(new Nop(), new Nop(), new Nop()).then(new UringCmd80(0, 0));
            int spaceBefore = ring.sqSpaceLeft();

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> chain.pushTo(ring, 1));
            assertTrue(e.getMessage().contains("UringCmd80 needs 128-byte SQEs"), e.getMessage());
            assertEquals(spaceBefore, ring.sqSpaceLeft());

            // every slot the broken chain touched is clean and usable: fill the whole queue and run it
            Nop nop = new Nop();
            for (int i = 0; i < spaceBefore; i++) {
                ring.push(nop, 100 + i);
            }
            ring.submit();
            for (Completion c : Roundtrip.next(ring, spaceBefore)) {
                assertTrue(c.userData() >= 100, "a request of the broken chain ran: " + c);
                assertEquals(0, c.result(), c.toString());
            }
        }
    }
}
