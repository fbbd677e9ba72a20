package io.liouring.fault;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.Fd;
import io.liouring.LioUring;
import io.liouring.operation.AsyncCancel;
import io.liouring.operation.Close;
import io.liouring.operation.PollAdd;
import io.liouring.operation.PollEvents;
import io.liouring.operation.Read;
import io.liouring.testing.PipeNative;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A descriptor closed while requests on it are in flight: a request holds its own reference to the file, so it
 * neither fails nor crashes but carries on with the file; a request pushed after the close fails with EBADF.
 */
class DescriptorClosedInFlightTest {
    @Test
    void aReadInFlightKeepsThePipeAndGetsTheDataWrittenAfterItsFdWasClosed() {
        try (var ring = new LioUring(4); var arena = Arena.ofConfined()) {
            PipeNative.Ends pipe = PipeNative.pipe();
            MemorySegment buffer = arena.allocate(16);
            ring.push(new Read(pipe.readFd(), buffer, -1), 1);
            ring.submit();
            Fd.close(pipe.readFd()); // the read end's fd is gone, the file is not
            PipeNative.writeFully(pipe.writeFd(), "still here".getBytes());
            Completion c = Roundtrip.next(ring);
            assertEquals(10, c.result());
            assertArrayEquals("still here".getBytes(), buffer.asSlice(0, 10).toArray(JAVA_BYTE));
            pipe.closeWrite();
        }
    }

    @Test
    void aCloseThroughTheRingUnderAPendingPollLeavesThePollToBeCancelled() {
        try (var ring = new LioUring(4)) {
            PipeNative.Ends pipe = PipeNative.pipe();
            ring.push(new PollAdd(pipe.readFd(), PollEvents.POLLIN), 1);
            ring.push(new Close(pipe.readFd()), 2);
            ring.submit();
            assertEquals(0, Roundtrip.next(ring).result(), "the close");
            assertTrue(ring.tryCompletion().isEmpty(), "the poll is still waiting");
            ring.push(AsyncCancel.byUserData(1), 3);
            Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
            assertEquals(Errno.ECANCELED, done.get(1L).errno());
            assertEquals(0, done.get(3L).result());
            pipe.closeWrite();
        }
    }

    @Test
    void closingTheWriterEndsAReadInFlightOnTheOtherEndWithEndOfFile() {
        try (var ring = new LioUring(4); var arena = Arena.ofConfined()) {
            PipeNative.Ends pipe = PipeNative.pipe();
            ring.push(new Read(pipe.readFd(), arena.allocate(16), -1), 1);
            ring.submit();
            pipe.closeWrite();
            assertEquals(0, Roundtrip.next(ring).result());
            pipe.close();
        }
    }

    @Test
    void aRequestPushedForAnFdClosedBeforeSubmissionFailsWithEbadf() {
        try (var ring = new LioUring(4); var arena = Arena.ofConfined()) {
            PipeNative.Ends pipe = PipeNative.pipe();
            ring.push(new Read(pipe.readFd(), arena.allocate(16), -1), 1);
            pipe.close(); // after the push, before the kernel sees the entry
            assertEquals(Errno.EBADF, Roundtrip.next(ring).errno());
        }
    }
}
