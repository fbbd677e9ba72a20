package io.liouring.nio.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default thread pool's settings, from the system properties that the Javadoc of
 * {@link java.nio.channels.AsynchronousChannelGroup} defines: {@value #THREAD_FACTORY} and {@value #INITIAL_SIZE}.
 * They configure the default group of lio-nio's channel provider and, as the Javadoc of
 * {@link java.nio.channels.AsynchronousFileChannel} requires, the pool that runs the handlers of asynchronous file
 * channels opened without an executor. A value that cannot be used is an {@link Error} naming the property, as in
 * the JDK.
 */
public final class DefaultThreadPoolSettings {
    /** The system property naming the {@link ThreadFactory} class of the default thread pool. */
    public static final String THREAD_FACTORY = "java.nio.channels.DefaultThreadPool.threadFactory";
    /** The system property giving the default group's initial number of threads. */
    public static final String INITIAL_SIZE = "java.nio.channels.DefaultThreadPool.initialSize";

    private DefaultThreadPoolSettings() {
    }

    /**
     * {@return the factory named by {@value #THREAD_FACTORY}, loaded through the system class loader and made with
     * its no-argument constructor; when the property is absent, a factory of daemon threads named
     * {@code threadNamePrefix} followed by a number}
     *
     * @param threadNamePrefix the name of the threads made when the property is absent
     * @throws Error if the property names no class that can be made, or one that is not a {@link ThreadFactory}
     */
    public static ThreadFactory threadFactory(String threadNamePrefix) {
        String name = System.getProperty(THREAD_FACTORY);
        if (name == null) {
            AtomicInteger threads = new AtomicInteger();
            return task -> {
                Thread t = new Thread(task, threadNamePrefix + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }
        try {
            Class<?> c = Class.forName(name, true, ClassLoader.getSystemClassLoader());
            return (ThreadFactory) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new Error("Value of property '" + THREAD_FACTORY + "' is invalid: " + name, e);
        }
    }

    /**
     * {@return {@value #INITIAL_SIZE}, or the number of processors if it is absent or negative}
     *
     * @throws Error if the property is not an integer ({@link Integer#parseInt}, as the JDK reads it: {@code " 2"}
     *               is not), with the JDK's message
     */
    public static int initialSize() {
        String value = System.getProperty(INITIAL_SIZE);
        int size = -1;
        if (value != null) {
            try {
                size = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new Error("Value of property '" + INITIAL_SIZE + "' is invalid: " + e, e);
            }
        }
        return size < 0 ? Runtime.getRuntime().availableProcessors() : size;
    }
}
