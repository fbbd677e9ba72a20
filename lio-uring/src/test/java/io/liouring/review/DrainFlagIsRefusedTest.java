package io.liouring.review;

import io.liouring.SqeFlags;
import io.liouring.async.EventLoop;
import io.liouring.operation.Nop;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Found in review and fixed; what used to happen: the loop keeps a request of its own in the kernel at all times (its wake-up read),
 * so an {@code IO_DRAIN} request waited behind it until some other thread woke the loop. The flag is refused, like
 * the link flags, with a message that says why.
 */
class DrainFlagIsRefusedTest {
    @Test
    void ioDrainIsRefusedBecauseTheLoopAlwaysHasARequestInTheKernel() {
        try (EventLoop loop = EventLoop.open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loop.submit(new Nop(), SqeFlags.IO_DRAIN));
            assertTrue(e.getMessage().contains("IO_DRAIN"), e.getMessage());
        }
    }
}
