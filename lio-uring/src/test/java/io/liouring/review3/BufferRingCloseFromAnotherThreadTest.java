package io.liouring.review3;

import io.liouring.async.EventLoop;
import io.liouring.buffer.BufferRing;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Found in the third review and fixed (close now refuses clearly and leaves the group open for a close on the loop
 * thread); what used to happen: a BufferRing registered through runOnLoop on the loop's default ring (SINGLE_ISSUER|DEFER_TASKRUN) and closed from
 * another thread: io_uring_register refuses a thread other than the submitter task (EEXIST), BufferRing.close sets
 * closed=true before unregistering, so the group stays registered in the kernel for good (a second close is a no-op,
 * and the group id can never be registered again on that loop).
 */
class BufferRingCloseFromAnotherThreadTest {
    @Test
    void aCloseOnAnotherThreadIsRefusedClearlyAndTheGroupCanStillBeClosedOnTheLoop() throws Exception {
        try (EventLoop loop = EventLoop.open()) {
            BufferRing buffers = loop.runOnLoop(ring -> ring.registerBufferRing(7, 4, 64)).get(5, TimeUnit.SECONDS);
            if (io.liouring.Params.describeFlags(loop.ringSetupFlags()).contains("SINGLE_ISSUER")) {
                IllegalStateException e = assertThrows(IllegalStateException.class, buffers::close,
                        "the kernel refuses the unregistration off the submitting thread");
                assertTrue(e.getMessage().contains("runOnLoop"), e.getMessage());
            }
            loop.runOnLoop(ring -> {
                buffers.close(); // on the loop thread: the group is unregistered
                return null;
            }).get(5, TimeUnit.SECONDS);
            assertDoesNotThrow(() -> loop.runOnLoop(ring -> {
                ring.registerBufferRing(7, 4, 64).close();
                return null;
            }).get(5, TimeUnit.SECONDS), "group 7 is free again");
        }
    }
}
