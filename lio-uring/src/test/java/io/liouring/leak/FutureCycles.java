package io.liouring.leak;

import io.liouring.async.EventLoop;
import io.liouring.async.IoFuture;
import io.liouring.operation.Nop;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Submits NOPs through an event loop in waves of 64 futures and waits for every one: the leak checks' workload. */
final class FutureCycles {
    private static final int WAVE = 64;

    private FutureCycles() {
    }

    static void run(EventLoop loop, int futures) throws Exception {
        Nop nop = new Nop();
        @SuppressWarnings("unchecked")
        IoFuture<Integer>[] wave = new IoFuture[WAVE];
        for (int done = 0; done < futures; done += WAVE) {
            int n = Math.min(WAVE, futures - done);
            for (int i = 0; i < n; i++) {
                wave[i] = loop.submitResult(nop);
            }
            for (int i = 0; i < n; i++) {
                assertEquals(0, wave[i].get(5, TimeUnit.SECONDS));
            }
        }
    }
}
