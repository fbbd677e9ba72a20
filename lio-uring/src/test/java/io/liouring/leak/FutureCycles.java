package io.liouring.leak;

import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.operation.Nop;

import java.util.concurrent.TimeUnit;

/**
 * Submits NOPs through an event loop in waves of 64 futures and waits for every one. Closing it closes the loop.
 */
final class FutureCycles implements LeakWorkload.Running {
    private static final int WAVE = 64;

    private final EventLoop loop;
    private final Nop nop = new Nop();
    @SuppressWarnings("unchecked")
    private final IoFuture<Integer>[] wave = new IoFuture[WAVE];

    FutureCycles(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public void run(int futures) throws Exception {
        for (int done = 0; done < futures; done += WAVE) {
            int n = Math.min(WAVE, futures - done);
            for (int i = 0; i < n; i++) {
                wave[i] = loop.submitResult(nop);
            }
            for (int i = 0; i < n; i++) {
                int result = wave[i].get(5, TimeUnit.SECONDS);
                if (result != 0) {
                    throw new AssertionError("future " + (done + i) + ": NOP completed with " + result);
                }
            }
        }
    }

    /** Requests in the kernel ({@link EventLoop#inFlight()}). */
    @Override
    public int unfinished() {
        return loop.inFlight();
    }

    @Override
    public void close() {
        loop.close();
    }
}
