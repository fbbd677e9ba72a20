package io.liouring.async;

import io.liouring.Fd;
import io.liouring.internal.EventFd;
import io.liouring.operation.Read;

import java.lang.foreign.Arena;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How other threads wake a loop that sleeps in {@code io_uring_enter}: an {@code eventfd} whose read is kept armed
 * on the ring, so a write from any thread completes that read and ends the wait — a wake-up the loop cannot
 * miss, since the kernel records the write whether or not the loop is asleep yet. A submitter writes only when
 * the loop has announced it is about to sleep (a Dekker-style flag), so a busy loop costs submitters no system
 * call.
 *
 * <p>Alternatives considered: {@code MSG_RING} needs a ring per submitting thread, which virtual threads cannot
 * own cheaply; a futex wait request (6.7) needs the same system call to wake and a newer kernel.
 */
final class Waker {
    private static final VarHandle AWAKE;

    static {
        try {
            AWAKE = MethodHandles.lookup().findVarHandle(Waker.class, "awake", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int eventFd;
    private final Read read;
    private final AtomicInteger writers = new AtomicInteger();
    @SuppressWarnings("unused") // accessed through AWAKE
    private volatile boolean awake = true;
    private volatile boolean retired;
    /** Loop thread: whether the eventfd read is in the kernel. */
    private boolean armed;

    /** Creates the eventfd; its 8-byte read buffer comes from {@code arena}, which must outlive the ring. */
    Waker(Arena arena) {
        this.eventFd = EventFd.create(EventFd.EFD_CLOEXEC);
        this.read = new Read(eventFd, arena.allocate(8, 8));
    }

    // ------------------------------------------------------------------ any thread

    /** Wakes the loop if it said it is going to sleep; at most one writer per sleep. */
    void wake() {
        if (!awake && AWAKE.compareAndSet(this, false, true)) {
            writers.incrementAndGet();
            try {
                if (!retired) {
                    EventFd.signal(eventFd);
                }
            } finally {
                writers.decrementAndGet();
            }
        }
    }

    // ------------------------------------------------------------------ loop thread

    /** The read to push when {@link #needsArming()}: its completion is the wake-up. */
    Read read() {
        return read;
    }

    boolean needsArming() {
        return !armed;
    }

    void armed() {
        armed = true;
    }

    /** The read completed (a wake-up, or its cancel at shutdown). */
    void fired() {
        armed = false;
    }

    boolean isArmed() {
        return armed;
    }

    /** The loop is about to sleep: from now on submitters write the eventfd. */
    void goingToSleep() {
        AWAKE.setVolatile(this, false);
    }

    /** The loop is awake (it checked for work after {@link #goingToSleep()} and found some, or it woke up). */
    void awake() {
        AWAKE.setVolatile(this, true);
    }

    /** Stops writers for good and waits for any writer still inside {@link #wake()}, then closes the eventfd. */
    void close() {
        retired = true;
        while (writers.get() != 0) {
            Thread.onSpinWait();
        }
        Fd.close(eventFd);
    }
}
