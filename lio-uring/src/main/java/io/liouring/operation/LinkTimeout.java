package io.liouring.operation;

import io.liouring.Opcode;

import java.time.Duration;

/**
 * A timeout for the request just before it ({@code IORING_OP_LINK_TIMEOUT}, Linux 5.5;
 * {@code io_uring_prep_link_timeout(3)}): push that request with {@code SqeFlags.IO_LINK}, then this one.
 *
 * <p>If the time passes first, the linked request is cancelled (it completes with {@code -ECANCELED}, or
 * {@code -EINTR} if it was running) and this completes with {@code -ETIME}; if the linked request completes
 * first, this completes with {@code -ECANCELED}. Pushed without a preceding linked request it fails with
 * {@code -EINVAL}. Change its time while it runs with {@link TimeoutUpdate#linkTimeout()}. The timespec belongs
 * to this operation.
 */
public final class LinkTimeout extends TimerOperation<LinkTimeout> {
    /**
     * A relative timeout on the monotonic clock.
     *
     * @param timeout how long the linked request may run, positive
     */
    public LinkTimeout(Duration timeout) {
        super(Opcode.LINK_TIMEOUT, timeout);
    }

    @Override
    LinkTimeout self() {
        return this;
    }
}
