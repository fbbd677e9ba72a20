package io.liouring.nio.file;

import io.liouring.async.EventLoop;
import io.liouring.async.EventLoopGroup;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event loops every file channel of this package submits to: created on the first open, shared by all file
 * channels, their threads daemons (they never keep the JVM alive) named {@code lio-file-N} that belong to no
 * application ({@link LibraryThreads}). A channel takes one loop at open ({@link #next()}) and keeps it, since its
 * descriptor is owned through that loop.
 *
 * <p>How many: the system property {@value #COUNT_PROPERTY} if set to a positive number, otherwise half the
 * available processors, at least one and at most four (another value is ignored with a warning, see
 * {@link TuningProperty}). A cached read rarely reaches a ring (see {@link RingFile}), so loops are needed
 * for reads that wait for the device, writes, opens and closes.
 */
final class FileRings {
    /** The system property that sets the number of loops. */
    static final String COUNT_PROPERTY = "io.liouring.nio.fileRings";

    /** Not instantiable. */
    private FileRings() {
    }

    /** A loop for a new channel, round-robin over the shared loops (created on the first call). */
    static EventLoop next() {
        return Shared.GROUP.next();
    }

    /** The group, created when this class is first initialised (the JVM makes that lazy and thread-safe). */
    private static final class Shared {
        private static final TuningProperty COUNT = TuningProperty.read(COUNT_PROPERTY,
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2)));
        static final EventLoopGroup GROUP = create(COUNT.value());

        static {
            COUNT.logWarning(); // once GROUP is set: a file the logger opens on this thread finds the loops
        }

        private static EventLoopGroup create(int count) {
            AtomicInteger index = new AtomicInteger();
            return EventLoopGroup.open(count,
                    () -> {
                        String name = "lio-file-" + index.getAndIncrement();
                        return EventLoop.builder().name(name).threadFactory(LibraryThreads.named(name));
                    });
        }
    }
}
