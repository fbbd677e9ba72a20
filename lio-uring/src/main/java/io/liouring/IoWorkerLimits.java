package io.liouring;

/**
 * The most io-wq worker threads io_uring may start for the ring's tasks ({@code IORING_REGISTER_IOWQ_MAX_WORKERS},
 * Linux 5.15; {@code io_uring_register_iowq_max_workers(3)}): bounded workers run requests of bounded duration
 * (regular files, block devices), unbounded ones requests that may wait indefinitely (sockets, pipes).
 *
 * @param bounded   limit for bounded workers
 * @param unbounded limit for unbounded workers
 */
public record IoWorkerLimits(int bounded, int unbounded) {
    /** Checks that neither limit is negative. */
    public IoWorkerLimits {
        if (bounded < 0 || unbounded < 0) {
            throw new IllegalArgumentException("worker limits must not be negative: bounded=" + bounded
                    + ", unbounded=" + unbounded);
        }
    }
}
