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
}
