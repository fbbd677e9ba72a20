package io.liouring.nio.channels;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default group's pool, from the system properties the JDK reads for its own default group. A value that
 * cannot be used is an {@link Error} naming the property, as in the JDK.
 */
final class DefaultPoolSettings {
    static final String THREAD_FACTORY = "java.nio.channels.DefaultThreadPool.threadFactory";
    static final String INITIAL_SIZE = "java.nio.channels.DefaultThreadPool.initialSize";
    private static final AtomicInteger THREADS = new AtomicInteger();

    private DefaultPoolSettings() {
    }

    /** The factory named by {@value #THREAD_FACTORY}, made through the system class loader; else daemon threads. */
    static ThreadFactory threadFactory() {
        String name = System.getProperty(THREAD_FACTORY);
        if (name == null) {
            return task -> {
                Thread t = new Thread(task, "lio-nio-default-" + THREADS.incrementAndGet());
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

    /** {@value #INITIAL_SIZE}, or the number of processors if it is absent or negative. */
    static int initialSize() {
        String value = System.getProperty(INITIAL_SIZE);
        int size = -1;
        if (value != null) {
            try {
                size = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new Error("Value of property '" + INITIAL_SIZE + "' is invalid: " + value, e);
            }
        }
        return size < 0 ? Runtime.getRuntime().availableProcessors() : size;
    }
}
