package io.liouring;

/**
 * Receives completions reaped in a batch by {@link LioUring#forEachCompletion(CompletionHandler)}, as
 * primitives, so that reaping allocates nothing.
 */
@FunctionalInterface
public interface CompletionHandler {
    /**
     * Takes one completion, on the thread that reaps; must not reap or close the ring itself.
     *
     * @param userData the request's user data
     * @param result   its result, or {@code -errno}
     * @param flags    the {@code IORING_CQE_F_*} bits (see {@link Completion})
     */
    void onCompletion(long userData, int result, int flags);

    /**
     * Receives a 32-byte completion: every one of a {@code CQE32} ring, and those flagged {@link Completion#F_32} on
     * a {@code CQE_MIXED} ring (6.18). By default drops the extra words and calls
     * {@link #onCompletion(long, int, int)}; override it to see them.
     *
     * @param userData the request's user data
     * @param result   its result, or {@code -errno}
     * @param flags    the {@code IORING_CQE_F_*} bits (see {@link Completion})
     * @param extra1   the first extra word ({@code big_cqe[0]})
     * @param extra2   the second extra word ({@code big_cqe[1]})
     */
    default void onCompletion(long userData, int result, int flags, long extra1, long extra2) {
        onCompletion(userData, result, flags);
    }
}
