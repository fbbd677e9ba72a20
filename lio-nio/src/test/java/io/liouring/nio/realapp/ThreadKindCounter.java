package io.liouring.nio.realapp;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Passes every request on to the handler it wraps, counting the requests that Jetty handed to a virtual thread and
 * those it handed to a platform thread: lio-nio's file channels read and write in the calling platform thread, and
 * through the ring on a virtual one, so a run on virtual threads must show that it had some.
 */
final class ThreadKindCounter extends Handler.Wrapper {
    private final AtomicLong virtual = new AtomicLong();
    private final AtomicLong platform = new AtomicLong();

    ThreadKindCounter(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        (Thread.currentThread().isVirtual() ? virtual : platform).incrementAndGet();
        return super.handle(request, response, callback);
    }

    /** How many requests were handled on virtual threads. */
    long virtual() {
        return virtual.get();
    }

    /** How many requests were handled on platform threads. */
    long platform() {
        return platform.get();
    }
}
