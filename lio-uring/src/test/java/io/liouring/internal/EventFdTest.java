package io.liouring.internal;

import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.UringException;
import io.liouring.testing.ResourcesNative;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link EventFd}: the event loop's wake-up counter, made and bumped through the shared syscall handle. */
class EventFdTest {
    @Test
    void eachSignalAddsOneToTheCounter() {
        int fd = EventFd.create(EventFd.EFD_CLOEXEC);
        try {
            assertTrue(EventFd.signal(fd));
            assertTrue(EventFd.signal(fd));
            assertTrue(EventFd.signal(fd));
            assertEquals(3, ResourcesNative.drainEventFd(fd), "the read returns the sum of the signals");
            assertTrue(EventFd.signal(fd));
            assertEquals(1, ResourcesNative.drainEventFd(fd), "a read resets the counter");
        } finally {
            Fd.close(fd);
        }
    }

    @Test
    void signallingAClosedDescriptorReportsFailure() {
        int fd = EventFd.create(0);
        Fd.close(fd);
        assertFalse(EventFd.signal(fd));
    }

    @Test
    void unknownFlagsAreRefusedWithTheirErrno() {
        UringException e = assertThrows(UringException.class, () -> EventFd.create(0x40000000));
        assertEquals(Errno.EINVAL, e.errno());
    }
}
