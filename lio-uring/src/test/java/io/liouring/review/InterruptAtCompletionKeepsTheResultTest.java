package io.liouring.review;

import io.liouring.AddressFamily;
import io.liouring.Fd;
import io.liouring.SocketType;
import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.internal.IoErrors;
import io.liouring.net.Connection;
import io.liouring.testing.SocketNative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Found in review and fixed; what used to happen: {@code IoFuture.await()} (and so every blocking read of the file and socket layers, via
 * {@code IoErrors.await}) throws when the thread is interrupted, even if the request has already completed
 * successfully: {@code parkUntilDone} checks {@code Thread.interrupted()} before {@code isDone()}, and await's
 * catch ignores that {@code cancel(false)} returned false. For a stream read the bytes were taken from the socket
 * and written into the caller's buffer, but the caller gets InterruptedIOException and cannot know it: the bytes
 * are lost while the connection stays open.
 *
 * <p>Deterministic here: the interrupt is sent by a callback that runs inside the future's completion, before the
 * reader is unparked (as an interrupt racing the data does in production).
 */
class InterruptAtCompletionKeepsTheResultTest {
    private final EventLoop loop = EventLoop.open();
    private final Arena arena = Arena.ofShared();

    @AfterEach
    void close() {
        loop.close();
        arena.close();
    }

    @Test
    void aReadThatCompletedIsReportedAsInterruptedAndItsBytesAreLost() throws Exception {
        int[] pair = SocketNative.socketPair(AddressFamily.AF_UNIX, SocketType.SOCK_STREAM | SocketType.SOCK_CLOEXEC);
        try (Connection connection = Connection.of(loop, pair[0])) {
            MemorySegment buffer = arena.allocate(16);
            Thread reader = Thread.currentThread();
            IoFuture<Integer> read = connection.readAsync(buffer); // what Connection.read(buffer) does ...
            read.thenRun(reader::interrupt);
            Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(200); // the reader is parked in await() by then
                } catch (InterruptedException e) {
                    return;
                }
                SocketNative.write(pair[1], "hello".getBytes());
            });
            try {
                int n = IoErrors.await(read);                       // ... and then this
                Thread.interrupted();
                if (n != 5) {
                    fail("read " + n);
                }
            } catch (IOException e) {
                Thread.interrupted();
                fail("the read completed with 5 bytes ('" + new String(buffer.asSlice(0, 5).toArray(JAVA_BYTE))
                        + "' is in the buffer, gone from the socket) but the caller got " + e
                        + "; future state: " + read);
            }
        } finally {
            Fd.close(pair[1]);
        }
    }
}
