package io.liouring.conformance;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.operation.Nop;
import org.junit.jupiter.api.Test;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** IORING_OP_NOP: completes with 0, or with an injected result; user data comes back bit for bit. */
class NopConformanceTest {
    @Test
    void aNopCompletesWithZeroAndAllSixtyFourBitsOfItsUserData() {
        try (var ring = new LioUring(4)) {
            long userData = 0x8000_0000_dead_beefL;
            ring.push(new Nop(), userData);
            Completion c = next(ring);
            assertEquals(userData, c.userData());
            assertEquals(0, c.result());
            assertEquals(0, c.flags());
        }
    }

    @Test
    void anInjectedErrorIsThePostedResult() {
        try (var ring = new LioUring(4)) {
            ring.push(new Nop().injectResult(-Errno.EIO.number()), 1);
            assertEquals(Errno.EIO, next(ring).errno());
        }
    }

    @Test
    void anInjectedPositiveResultIsPostedAsIs() {
        try (var ring = new LioUring(4)) {
            ring.push(new Nop().injectResult(123_456), 1);
            assertEquals(123_456, next(ring).result());
        }
    }

    @Test
    void aReusedNopCanDropItsInjection() {
        try (var ring = new LioUring(4)) {
            Nop nop = new Nop().injectResult(-Errno.EPERM.number());
            ring.push(nop, 1);
            assertEquals(Errno.EPERM, next(ring).errno());
            ring.push(nop.noInjection(), 2);
            assertEquals(0, next(ring).result());
        }
    }
}
