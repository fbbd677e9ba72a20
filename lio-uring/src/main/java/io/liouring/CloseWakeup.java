package io.liouring;

import io.liouring.operation.MsgRingData;

/**
 * Wakes a thread blocked in {@code io_uring_enter} on a ring that another thread is closing, for
 * {@link LioUring#close()}: posts completions into that ring with {@code IORING_OP_MSG_RING} (Linux 5.18), enough to
 * satisfy the wait's {@code min_complete}. Closing the ring's fd would not do: the waiter holds its own reference to
 * the ring file, and the kernel ends a wait only when completions arrive, a timeout fires or a signal comes.
 *
 * <p>The messages go out from a small ring opened for the wake-up and closed right after it, rather than from one
 * the process keeps: a close under a waiter is rare, and a ring kept for the life of the process would show as one
 * more descriptor and io_uring mapping to whoever counts them. The kernel takes its reference to the target ring as
 * it issues each message, during the submit, so closing the sending ring afterwards does not stop the wake-up.
 */
final class CloseWakeup {
    /** Submission entries of the sending ring: a wake-up of more completions goes out in batches of this many. */
    private static final int ENTRIES = 8;
    /** The {@code user_data} of the completions posted into the closing ring; nobody reads them. */
    private static final long WAKEUP_USER_DATA = 0;
    private static final CompletionHandler DISCARD = (userData, result, flags) -> { };

    private CloseWakeup() {
    }

    /**
     * Posts {@code count} completions into the ring whose fd is {@code targetRingFd}, which must stay open until this
     * returns. Best effort: where no ring can be opened or the kernel has no MSG_RING, nothing is posted, and the
     * waiter ends its wait at its next completion or timeout.
     */
    static void post(int targetRingFd, int count) {
        try (LioUring ring = new LioUring(ENTRIES)) {
            MsgRingData message = new MsgRingData(targetRingFd, WAKEUP_USER_DATA, 0);
            for (int left = count; left > 0; left -= ENTRIES) {
                for (int i = Math.min(left, ENTRIES); i > 0; i--) {
                    ring.push(message, WAKEUP_USER_DATA, SqeFlags.CQE_SKIP_SUCCESS); // only failures complete here
                }
                ring.submit();
                ring.forEachCompletion(DISCARD);
            }
        } catch (RuntimeException noRingOrNoMsgRing) {
            // best effort, as documented: the caller has nothing else to wake the waiter with
        }
    }
}
