package io.liouring.operation;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;
import io.liouring.internal.Checks;
import io.liouring.struct.EpollEvent;

import java.util.Objects;

/**
 * Waits for events on an epoll instance, like {@code epoll_wait(2)} without a timeout
 * ({@code IORING_OP_EPOLL_WAIT}, Linux 6.15; {@code io_uring_prep_epoll_wait(3)}).
 *
 * <p>Completes, once at least one event is ready, with the number of entries filled in at the start of the
 * {@link EpollEvent} array, or {@code -errno}. Bound the wait with a {@link LinkTimeout} if needed.
 */
public final class EpollWait implements Operation {
    private int epfd;
    private EpollEvent events;
    private int maxEvents;

    /**
     * Waits for events on epoll instance {@code epfd}, filling at most the capacity of {@code events}.
     *
     * @param epfd   the epoll instance
     * @param events where the kernel writes the ready events; up to its capacity
     */
    public EpollWait(int epfd, EpollEvent events) {
        this.epfd = epfd;
        events(events);
    }

    /**
     * Change the event array (for reuse); at most its capacity is filled.
     *
     * @param events the array the kernel writes ready events into; it must stay alive until the completion
     * @return this operation
     */
    public EpollWait events(EpollEvent events) {
        this.events = Objects.requireNonNull(events, "events");
        this.maxEvents = events.capacity();
        return this;
    }

    /**
     * Fill at most {@code maxEvents} entries (1 to the array's capacity).
     *
     * @param maxEvents 1 to the array's capacity
     * @return this operation
     */
    public EpollWait maxEvents(int maxEvents) {
        if (maxEvents <= 0 || maxEvents > events.capacity()) {
            throw new IllegalArgumentException("maxEvents must be between 1 and the array's capacity ("
                    + events.capacity() + "): " + maxEvents);
        }
        this.maxEvents = maxEvents;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(Opcode.EPOLL_WAIT, epfd, Checks.addressOf(events.segment(), "events"), maxEvents, 0);
    }
}
