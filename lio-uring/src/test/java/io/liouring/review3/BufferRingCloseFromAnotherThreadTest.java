package io.liouring.review3;

import io.liouring.async.EventLoop;
import io.liouring.buffer.BufferRing;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

/**
 * A BufferRing registered through runOnLoop on the loop's default ring (SINGLE_ISSUER|DEFER_TASKRUN) and closed from
 * another thread: io_uring_register refuses a thread other than the submitter task (EEXIST), BufferRing.close sets
 * closed=true before unregistering, so the group stays registered in the kernel for good (a second close is a no-op,
 * and the group id can never be registered again on that loop).
 */
class BufferRingCloseFromAnotherThreadTest {
    @Test
    void closingFromAnotherThreadUnregistersTheGroup() throws Exception {
        try (EventLoop loop = EventLoop.open()) {
            BufferRing buffers = loop.runOnLoop(ring -> ring.registerBufferRing(7, 4, 64)).get(5, TimeUnit.SECONDS);
            Throwable closeFailure = null;
            try {
                buffers.close(); // from the test thread, as any AutoCloseable may be
            } catch (Throwable t) {
                closeFailure = t;
            }
            // Whatever close did, the group must be free again afterwards.
            Throwable finalCloseFailure = closeFailure;
            assertDoesNotThrow(() -> loop.runOnLoop(ring -> ring.registerBufferRing(7, 4, 64)).get(5, TimeUnit.SECONDS).close(),
                    "group 7 still registered after BufferRing.close() from another thread (close threw: "
                            + finalCloseFailure + ")");
        }
    }
}
