package io.liouring.conformance;

import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.SqeFlags;
import io.liouring.UringException;
import io.liouring.operation.Nop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.liouring.testing.Roundtrip.next;
import static io.liouring.testing.ResourcesNative.drainEventFd;
import static io.liouring.testing.ResourcesNative.eventFd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A registered eventfd: signalled by completions, async-only, toggled off and on, unregistered. */
class EventFdConformanceTest {
    private final int efd = eventFd();

    @AfterEach
    void closeEventFd() {
        Fd.close(efd);
    }

    private static void nop(LioUring ring, SqeFlags flags) {
        ring.push(new Nop(), 1, flags);
        next(ring);
    }

    @Test
    void everyCompletionSignalsTheEventFd() {
        try (var ring = new LioUring(4)) {
            ring.registerEventFd(efd);
            assertEquals(0, drainEventFd(efd));
            nop(ring, SqeFlags.NONE);
            assertTrue(drainEventFd(efd) >= 1);
        }
    }

    @Test
    void aDisabledEventFdIsNotSignalledUntilEnabledAgain() {
        try (var ring = new LioUring(4)) {
            ring.registerEventFd(efd);
            assertTrue(ring.isEventFdEnabled());
            ring.setEventFdEnabled(false);
            assertFalse(ring.isEventFdEnabled());
            nop(ring, SqeFlags.NONE);
            assertEquals(0, drainEventFd(efd));

            ring.setEventFdEnabled(true);
            nop(ring, SqeFlags.NONE);
            assertTrue(drainEventFd(efd) >= 1);
        }
    }

    @Test
    void anAsyncOnlyEventFdIgnoresInlineCompletionsAndSignalsWorkerCompletions() {
        try (var ring = new LioUring(4)) {
            ring.registerEventFdAsync(efd);
            nop(ring, SqeFlags.NONE);
            assertEquals(0, drainEventFd(efd), "the NOP completed inline, while submitting");
            nop(ring, SqeFlags.ASYNC);
            assertTrue(drainEventFd(efd) >= 1, "the ASYNC NOP completed on an io-wq worker");
        }
    }

    @Test
    void anUnregisteredEventFdIsNoLongerSignalled() {
        try (var ring = new LioUring(4)) {
            ring.registerEventFd(efd);
            ring.unregisterEventFd();
            nop(ring, SqeFlags.NONE);
            assertEquals(0, drainEventFd(efd));
            assertEquals(Errno.ENXIO, assertThrows(UringException.class, ring::unregisterEventFd).errno());
        }
    }

    @Test
    void aRingTakesOneEventFd() {
        try (var ring = new LioUring(4)) {
            ring.registerEventFd(efd);
            assertEquals(Errno.EBUSY, assertThrows(UringException.class, () -> ring.registerEventFd(efd)).errno());
            assertThrows(IllegalArgumentException.class, () -> ring.registerEventFdAsync(-1));
        }
    }
}
