package io.liouring.resources;

import io.liouring.Completion;
import io.liouring.DirectFd;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SyncCancel;
import io.liouring.operation.Timeout;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static io.liouring.testing.Roundtrip.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Synchronous cancellation from the registration path: by user data, by opcode, of all matches. */
class SyncCancelTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void cancellingByUserDataCompletesThatRequestWithEcanceled() {
        try (var ring = new LioUring(8)) {
            ring.push(new Timeout(LONG), 5);
            ring.push(new Timeout(LONG), 6);
            ring.submit();
            assertEquals(1, ring.cancelSync(SyncCancel.userData(5)));
            Completion c = next(ring);
            assertEquals(5, c.userData());
            assertEquals(Errno.ECANCELED, c.errno());
            assertEquals(0, ring.cqReady(), "the other timeout is still pending");
        }
    }

    @Test
    void cancellingWhatIsNotThereCancelsNothing() {
        try (var ring = new LioUring(8)) {
            assertEquals(0, ring.cancelSync(SyncCancel.userData(77)));
        }
    }

    @Test
    void cancellingAllByOpcodeCancelsEveryMatch() {
        try (var ring = new LioUring(8)) {
            for (int i = 1; i <= 3; i++) {
                ring.push(new Timeout(LONG), i);
            }
            ring.submit();
            assertEquals(3, ring.cancelSync(SyncCancel.opcode(Opcode.TIMEOUT).all().timeout(Duration.ofSeconds(5))));
            Set<Long> cancelled = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                Completion c = next(ring);
                assertEquals(Errno.ECANCELED, c.errno());
                cancelled.add(c.userData());
            }
            assertEquals(Set.of(1L, 2L, 3L), cancelled);
        }
    }

    @Test
    void cancellingAnyCancelsEverything() {
        try (var ring = new LioUring(8)) {
            ring.push(new Timeout(LONG), 1);
            ring.push(new Timeout(LONG), 2);
            ring.submit();
            assertEquals(2, ring.cancelSync(SyncCancel.any()));
        }
    }

    @Test
    void badMatchesAreRefusedEarly() {
        assertThrows(IllegalArgumentException.class, () -> SyncCancel.fd(-1));
        assertThrows(IllegalArgumentException.class, () -> SyncCancel.fd(new DirectFd(-1)));
        assertThrows(IllegalArgumentException.class, () -> SyncCancel.any().timeout(Duration.ofSeconds(-1)));
    }
}
