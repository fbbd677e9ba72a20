package io.liouring.review;

import io.liouring.Completion;
import io.liouring.SqeFlags;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.operation.Nop;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * BUG: EventLoop.checkFlags refuses IO_LINK, IO_HARDLINK and CQE_SKIP_SUCCESS but accepts IO_DRAIN. A drained request
 * starts only after every earlier SQE has completed, and the loop always keeps its own eventfd read (the Waker) in
 * the kernel. A drained request submitted while the loop is awake (no eventfd write: here from the loop thread, as
 * any callback would) waits behind that read, and the loop goes to sleep on it: the request hangs until some other
 * thread happens to wake the loop.
 */
class DrainFlagWaitsForTheLoopsOwnWakeupReadTest {
    @Test
    void aDrainedNopOnAnIdleLoopCompletes() throws Exception {
        try (EventLoop loop = EventLoop.open()) {
            IoFuture<Completion> drained = loop.runOnLoop(ring -> loop.submit(new Nop(), SqeFlags.IO_DRAIN))
                    .get(5, TimeUnit.SECONDS);
            try {
                drained.get(2, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                loop.submit(new Nop()).get(5, TimeUnit.SECONDS); // a wake-up releases it
                fail("an IO_DRAIN request on an otherwise idle loop waited 2 s behind the loop's own eventfd read;"
                        + " after another wake-up: " + drained);
            }
        }
    }
}
