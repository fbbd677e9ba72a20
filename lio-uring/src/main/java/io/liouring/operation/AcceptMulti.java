package io.liouring.operation;

/**
 * Accepts connections on a listening socket until cancelled or failed: one completion per connection, each
 * with {@code F_MORE} while the request stays armed ({@code IORING_OP_ACCEPT} with
 * {@code IORING_ACCEPT_MULTISHOT}, Linux 5.19; {@code io_uring_prep_multishot_accept(3)},
 * {@code io_uring_prep_multishot_accept_direct(3)}).
 *
 * <p>Each completion's result is a new fd (or, with {@link #directAllocate()}, a registered-file slot) or
 * {@code -errno}; a completion without {@code F_MORE} ends the request.
 */
public final class AcceptMulti extends AcceptBase<AcceptMulti> {
    /**
     * Accepts connections on listening socket {@code fd} until cancelled or failed.
     *
     * @param fd a listening socket (or a direct descriptor's slot, pushed with {@code SqeFlags.FIXED_FILE})
     */
    public AcceptMulti(int fd) {
        super(MULTISHOT, fd);
    }

    @Override
    AcceptMulti self() {
        return this;
    }
}
