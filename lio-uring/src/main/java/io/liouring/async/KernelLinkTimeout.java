package io.liouring.async;

import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Sqe;

/**
 * The loop's own encoder for {@code IORING_OP_LINK_TIMEOUT} (5.5; {@code io_uring_prep_link_timeout(3)}):
 * a relative timeout on the request linked ({@code IOSQE_IO_LINK}) just before it. If it fires first it
 * completes with {@code -ETIME} and the request with {@code -ECANCELED}; if the request completes first the
 * timeout completes with {@code -ECANCELED}. The kernel copies the timespec when it takes the entry.
 *
 * <p>Package-private on purpose: the public {@code io.liouring.operation.LinkTimeout} replaces it once the
 * two branches meet.
 */
final class KernelLinkTimeout implements Operation {
    private long timespecAddress;

    /** The address of a {@code struct __kernel_timespec} that stays valid until the entry is submitted. */
    KernelLinkTimeout timespec(long address) {
        this.timespecAddress = address;
        return this;
    }

    @Override
    public void encode(Sqe sqe) {
        sqe.prepRw(Opcode.LINK_TIMEOUT, -1, timespecAddress, 1, 0);
    }
}
