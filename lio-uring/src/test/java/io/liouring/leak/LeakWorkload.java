package io.liouring.leak;

import io.liouring.LioUring;
import io.liouring.async.EventLoop;

/**
 * What a leak check repeats, a million times in a soak: open/close cycles through a ring, with a new {@link
 * io.liouring.operation.OpenAt} every cycle or one reused, or NOP futures through an event loop.
 */
enum LeakWorkload {
    OPEN_CLOSE_FRESH,
    OPEN_CLOSE_REUSED,
    FUTURES;

    /** A started workload: repeats its cycle and counts the requests it left unfinished. */
    interface Running extends AutoCloseable {
        void run(int cycles) throws Exception;

        /** Requests still in the kernel, or completions not yet reaped; 0 between cycles unless something leaked. */
        int unfinished();

        @Override
        void close();
    }

    Running start() {
        return switch (this) {
            case OPEN_CLOSE_FRESH -> new OpenCloseCycles(new LioUring(OpenCloseCycles.ENTRIES), true);
            case OPEN_CLOSE_REUSED -> new OpenCloseCycles(new LioUring(OpenCloseCycles.ENTRIES), false);
            case FUTURES -> new FutureCycles(EventLoop.open());
        };
    }
}
