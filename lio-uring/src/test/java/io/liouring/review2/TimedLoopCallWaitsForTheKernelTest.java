package io.liouring.review2;

import io.liouring.Completion;
import io.liouring.OpenFlags;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.file.AsyncFile;
import io.liouring.operation.Write;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Found in the second review and fixed; what used to happen: eventLoop.call(op, timeout) is a blocking call; at the loop's deadline it returns -ETIME although the kernel may
 * still use the buffer (an O_DIRECT write cannot be cancelled once issued: ASYNC_CANCEL answers ENOENT/EALREADY),
 * so the caller, told the call is over, frees memory the device still reads.
 */
class TimedLoopCallWaitsForTheKernelTest {
    @Test
    void aTimedCallReturnsEtimeWhileADirectWriteStillReadsTheBuffer() throws Exception {
        Path file = Files.createTempFile(Path.of("/work"), "review2-", ".bin");
        try (EventLoop loop = EventLoop.open(); Arena arena = Arena.ofShared();
             AsyncFile out = AsyncFile.open(loop, file, OpenFlags.O_WRONLY | OpenFlags.O_DIRECT, 0)) {
            MemorySegment buffer = AsyncFile.allocateAligned(arena, 512L << 20);
            buffer.fill((byte) 1);
            // submit + await, as call(op, timeout) does, keeping the future to look at released()
            IoFuture<Completion> request = loop.submit(new Write(out.fd(), buffer, 0), Duration.ofMillis(1));
            long start = System.nanoTime();
            Completion c = request.await();
            boolean releasedWhenReturned = request.released().isDone();
            long ms = (System.nanoTime() - start) / 1_000_000;
            Completion kernel = request.released().get();
            long total = (System.nanoTime() - start) / 1_000_000;
            System.out.println("await returned " + c + " after " + ms + " ms; released after " + total + " ms: " + kernel);
            assertTrue(releasedWhenReturned || c.result() >= 0, "the blocking wait returned " + c + " after " + ms
                    + " ms, while the kernel released the request only after " + total + " ms (" + kernel + ")");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
