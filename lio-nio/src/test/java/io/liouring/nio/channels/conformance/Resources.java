package io.liouring.nio.channels.conformance;

import java.nio.channels.AsynchronousChannelGroup;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Everything a test opened, closed in reverse order when the test ends, whatever its outcome: channels, sockets,
 * groups (shut down now and awaited) and executors. Closing an already closed channel has no effect, so a test may
 * close what it registered itself.
 */
final class Resources implements AutoCloseable {

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** Registers {@code resource} for closing and returns it. */
    synchronized <T extends AutoCloseable> T add(T resource) {
        opened.push(resource);
        return resource;
    }

    /** Registers {@code group}: at the end it is shut down now and must terminate. */
    AsynchronousChannelGroup add(AsynchronousChannelGroup group) {
        add(() -> {
            group.shutdownNow();
            if (!group.awaitTermination(Await.SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("group did not terminate within " + Await.SECONDS + " s");
            }
        });
        return group;
    }

    /** Registers {@code executor}: at the end it is shut down now and must terminate. */
    ExecutorService add(ExecutorService executor) {
        add(() -> {
            executor.shutdownNow();
            if (!executor.awaitTermination(Await.SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("executor did not terminate within " + Await.SECONDS + " s");
            }
        });
        return executor;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        while (true) {
            AutoCloseable next;
            synchronized (this) {
                next = opened.poll();
            }
            if (next == null) {
                break;
            }
            try {
                next.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
