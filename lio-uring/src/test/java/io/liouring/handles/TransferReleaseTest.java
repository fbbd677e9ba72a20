package io.liouring.handles;

import io.liouring.Fd;
import io.liouring.async.EventLoop;
import io.liouring.file.AsyncFile;
import io.liouring.file.TransferFuture;
import io.liouring.testing.AsyncNative;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.AsynchronousCloseException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A full-length transfer ({@link AsyncFile#readFullyAsync}, {@link AsyncFile#writeFullyAsync}) says when the kernel
 * is done with its buffer, however it ends, so that the buffer's arena can be closed safely after a cancel.
 */
class TransferReleaseTest {
    @Test
    void aCancelledReadFullyIsReleasedOnlyWhenTheKernelIsDoneWithTheBuffer() throws Exception {
        int[] pipe = AsyncNative.pipe();
        try (EventLoop loop = EventLoop.open(); AsyncFile readEnd = AsyncFile.of(loop, pipe[0])) {
            Arena arena = Arena.ofShared();
            TransferFuture read = readEnd.readFullyAsync(arena.allocate(1 << 16), 0);
            Thread.sleep(50); // the read is in the kernel, waiting on the empty pipe
            assertTrue(read.cancel(false));
            read.released().get(10, TimeUnit.SECONDS);
            arena.close(); // safe now: the kernel will not write into it
            AsyncNative.write(pipe[1], new byte[] {1, 2, 3});
        } finally {
            Fd.close(pipe[1]);
        }
    }

    @Test
    void aWriteFullyCutShortByCloseFailsWithAsynchronousCloseExceptionAndIsReleased() throws Exception {
        int[] pipe = AsyncNative.pipe();
        try (Arena arena = Arena.ofShared(); EventLoop loop = EventLoop.open()) {
            AsyncFile writeEnd = AsyncFile.of(loop, pipe[1]);
            MemorySegment big = arena.allocate(8 << 20); // far more than a pipe holds: the write waits for a reader
            TransferFuture write = writeEnd.writeFullyAsync(big, 0);
            Thread.sleep(50);
            writeEnd.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> write.get(10, TimeUnit.SECONDS));
            assertInstanceOf(AsynchronousCloseException.class, e.getCause());
            write.released().get(10, TimeUnit.SECONDS);
        } finally {
            Fd.close(pipe[0]);
        }
    }
}
