package io.liouring.nio.file;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the completion handlers of an {@link LioAsynchronousFileChannel} opened without an executor run: one
 * cached pool of daemon threads named {@code lio-file-handler-N}, shared by all such channels and created on first
 * use, as the JDK's channels share its default thread pool. It grows with the handlers that block and shrinks
 * after a minute of idleness.
 */
final class DefaultHandlerExecutor {
    /** Not instantiable. */
    private DefaultHandlerExecutor() {
    }

    /** The shared pool (created on the first call). */
    static ExecutorService get() {
        return Shared.POOL;
    }

    /** Holder: the JVM creates the pool lazily and once. */
    private static final class Shared {
        static final ExecutorService POOL = Executors.newCachedThreadPool(daemonThreads());

        private static ThreadFactory daemonThreads() {
            AtomicInteger index = new AtomicInteger();
            return task -> {
                Thread t = new Thread(task, "lio-file-handler-" + index.getAndIncrement());
                t.setDaemon(true);
                return t;
            };
        }
    }
}
