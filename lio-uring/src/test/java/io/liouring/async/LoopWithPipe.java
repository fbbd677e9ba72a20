package io.liouring.async;

import io.liouring.Fd;
import io.liouring.testing.AsyncNative;

/** Test fixture: an event loop and a pipe whose read end stays empty until a test writes to it. */
final class LoopWithPipe implements AutoCloseable {
    private final EventLoop loop = EventLoop.open();
    private final int[] pipe = AsyncNative.pipe();

    EventLoop loop() {
        return loop;
    }

    /** {@code [read end, write end]}. */
    int[] pipe() {
        return pipe;
    }

    @Override
    public void close() {
        loop.close();
        Fd.close(pipe[0]);
        Fd.close(pipe[1]);
    }
}
