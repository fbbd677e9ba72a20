package io.liouring.nio.channels.conformance;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ThreadFactory} that remembers every thread it made, so a test can tell whether a completion handler ran
 * on one of them; it installs {@code uncaught} (if any) as each thread's uncaught-exception handler.
 */
final class RecordingThreadFactory implements ThreadFactory {

    final Set<Thread> created = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final Thread.UncaughtExceptionHandler uncaught;

    RecordingThreadFactory() {
        this(null);
    }

    RecordingThreadFactory(Thread.UncaughtExceptionHandler uncaught) {
        this.uncaught = uncaught;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, "conformance-pool-" + count.incrementAndGet());
        thread.setDaemon(true);
        if (uncaught != null) {
            thread.setUncaughtExceptionHandler(uncaught);
        }
        created.add(thread);
        return thread;
    }
}
