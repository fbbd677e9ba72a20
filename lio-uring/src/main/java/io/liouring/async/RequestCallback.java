package io.liouring.async;

/**
 * What a request submitted with a callback calls when it ends ({@link EventLoop#submitCallback},
 * {@link FdHandle#submitCallback}): the allocation-free alternative to an {@link IoFuture}. The callback gets the
 * kernel's completion as primitives, with the {@code context} given at submission, so that one callback object
 * (a constant, or a long-lived object of the caller's) serves every request: a request submitted this way costs
 * no object at all, whichever thread submits it.
 *
 * <p><b>Exactly once.</b> Each request calls its callback once, after the kernel has released it — it will not
 * read or write the memory the operation names again, so the callback may reuse or free that memory. An operation
 * that posts a second completion without being multishot (a zero-copy send's notification) calls it once that
 * last completion has arrived, with the first one's result and flags.
 *
 * <p><b>Where it runs.</b> On the loop thread, inside the loop's completion pass: it must not block (blocking calls
 * of this package throw {@link IllegalStateException} there). It may submit again — another callback request, a
 * future's request — and close handles; what it submits is queued and pushed after the pass. The one exception: a
 * request that a closing loop refuses before starting it completes on the thread that found the loop closed (the
 * loop's, or a submitting thread's). What the callback throws goes to that thread's uncaught-exception handler;
 * the loop goes on.
 *
 * <p><b>Results.</b> {@code result} is the kernel's {@code res}: a count, a descriptor, 0, or {@code -errno}.
 * A request cancelled because its {@link FdHandle} or its loop was closed completes with {@code -ECANCELED} (also
 * when the close caught it before it reached the kernel); one whose operation could not be pushed (it refused its
 * own arguments) completes with {@code -EINVAL}.
 */
@FunctionalInterface
public interface RequestCallback {
    /**
     * Called once when the request has ended (see the class comment); must not block.
     *
     * @param context the value given at submission, as it was given (an index into the caller's own table, say)
     * @param result  the kernel's result ({@code res} of the CQE, see io_uring_enter(2)), {@code -errno} on failure
     * @param flags   the completion's {@code IORING_CQE_F_*} flags (a selected buffer's id in the upper 16 bits)
     */
    void completed(long context, int result, int flags);
}
