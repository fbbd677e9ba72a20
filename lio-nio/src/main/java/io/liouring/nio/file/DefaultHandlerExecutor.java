package io.liouring.nio.file;

import io.liouring.nio.internal.DefaultThreadPoolSettings;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Where the completion handlers of an {@link LioAsynchronousFileChannel} opened without an executor run: the
 * default thread pool that the Javadoc of {@link java.nio.channels.AsynchronousFileChannel} describes, one cached
 * pool shared by all such channels and created on first use. Its threads come from the factory named by the system
 * property {@value DefaultThreadPoolSettings#THREAD_FACTORY}, else they are daemon threads named
 * {@code lio-file-handler-N}. It grows with the handlers that block and shrinks after a minute of idleness.
 */
final class DefaultHandlerExecutor {
    /** Not instantiable. */
    private DefaultHandlerExecutor() {
    }

    /**
     * The shared pool (created on the first call).
     *
     * @throws Error if the thread factory property names no usable {@link java.util.concurrent.ThreadFactory}, or
     *               the initial size property is not an integer
     */
    static ExecutorService get() {
        return Shared.POOL;
    }

    /** Holder: the JVM creates the pool lazily and once. */
    private static final class Shared {
        static final ExecutorService POOL = create();

        private static ExecutorService create() {
            // read only to fail on a value that is not an integer, as the JDK's default pool does: a cached pool
            // has no initial size
            DefaultThreadPoolSettings.initialSize();
            return Executors.newCachedThreadPool(DefaultThreadPoolSettings.threadFactory("lio-file-handler-"));
        }
    }
}
