package io.liouring.nio.file;

import io.liouring.async.FdHandle;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Closes the descriptor of a file channel that became unreachable while still open, as the JDK's file channels
 * do: a program that drops a channel does not leak its descriptor.
 *
 * <p>This is what a {@link java.lang.ref.Cleaner} does, without its one lock: a cleaner keeps its registrations in a
 * list that every register and every clean synchronizes on, and a channel is opened and closed per
 * {@code Files.readAllBytes}, so with thousands of virtual threads every open and close contended on it. In one P8
 * run (10 000 virtual threads reading small files) two platform threads waited on that lock for over ten minutes
 * while the virtual threads kept both carriers busy. Here a registration is an entry in a concurrent set, and only
 * the reaper thread, started with the first registration, waits on the reference queue.
 */
final class UnreachableChannels {
    /** Not instantiable. */
    private UnreachableChannels() {
    }

    /**
     * Closes {@code handle} ({@link FdHandle#closeAsync()}, on the reaper thread) once {@code channel} has become
     * phantom reachable, unless the registration is {@linkplain Registration#unregister() unregistered} first.
     * The registration holds the handle, never the channel.
     */
    static Registration register(Object channel, FdHandle handle) {
        Registration r = new Registration(channel, handle, Reaper.QUEUE);
        Reaper.LIVE.add(r);
        return r;
    }

    /**
     * One channel's registration: reachable from {@link Reaper#LIVE} until unregistered or reaped. Equal only to
     * itself, with a hash code of its own: {@code Object.hashCode} would make the JVM generate and store an identity
     * hash for every registration, a call into the runtime per channel opened.
     */
    static final class Registration extends PhantomReference<Object> {
        private final FdHandle handle;
        private final int hash;

        private Registration(Object channel, FdHandle handle, ReferenceQueue<Object> queue) {
            super(channel, queue);
            this.handle = handle;
            this.hash = ThreadLocalRandom.current().nextInt();
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        /** The channel is being closed by its owner: nothing is left for the reaper to do. Idempotent. */
        void unregister() {
            if (Reaper.LIVE.remove(this)) {
                clear();
            }
        }
    }

    /** The queue, the live registrations and the thread that reaps them, created on first use. */
    private static final class Reaper {
        static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();
        static final Set<Registration> LIVE = ConcurrentHashMap.newKeySet();

        static {
            LibraryThreads.named("lio-file-reaper").newThread(Reaper::run).start();
        }

        private static void run() {
            while (true) {
                try {
                    Registration r = (Registration) QUEUE.remove();
                    if (LIVE.remove(r)) {
                        r.handle.closeAsync();
                    }
                } catch (InterruptedException e) {
                    // a daemon with nothing to finish: interrupts are not a request to stop
                } catch (RuntimeException e) {
                    Thread t = Thread.currentThread();
                    t.getUncaughtExceptionHandler().uncaughtException(t, e);
                }
            }
        }
    }
}
