package io.liouring;

import io.liouring.operation.MsgRingData;

/**
 * Wakes a thread blocked in {@code io_uring_enter} on a ring that another thread is closing, for
 * {@link LioUring#close()}: posts completions into that ring with {@code IORING_OP_MSG_RING} (Linux 5.18), enough to
 * satisfy the wait's {@code min_complete}, from one small ring the whole process shares. Closing the ring's fd
 * would not do: the waiter holds its own reference to the ring file, and the kernel ends a wait only when
 * completions arrive, a timeout fires or a signal comes.
 *
 * <p>The shared ring is created on the first wake-up, so a process that never closes a ring under a waiter never has
 * it, and then lives as long as the process (it is replaced if it ever fails). Its messages carry {@code IOSQE_CQE_SKIP_SUCCESS}, so only failures
 * post completions on it, which the next wake-up discards. Without {@code MSG_RING} there is no wake-up; the
 * waiter then ends its wait at its next completion or timeout.
 */
final class CloseWakeup {
    /** Submission entries of the shared ring: a wake-up of more completions goes out in batches of this many. */
    private static final int ENTRIES = 8;
    /** The {@code user_data} of the completions posted into the closing ring; nobody reads them. */
    private static final long WAKEUP_USER_DATA = 0;
    private static final CompletionHandler DISCARD = (userData, result, flags) -> { };

    private static final CloseWakeup SHARED = new CloseWakeup();

    /** The shared ring: {@code null} until the first wake-up, and again after a failure. */
    private LioUring ring;
    /** Whether the kernel has no MSG_RING, so that there is no wake-up to give. */
    private boolean unsupported;
    private final MsgRingData message = new MsgRingData(-1, WAKEUP_USER_DATA, 0);

    private CloseWakeup() {
    }

    /**
     * Posts {@code count} completions into the ring whose fd is {@code targetRingFd}, which must stay open until this
     * returns (the kernel takes its own reference to the ring as it issues each message).
     *
     * @return whether the messages were handed to the kernel; {@code false} without MSG_RING or if the shared ring
     *         failed, and the waiter then wakes at its next completion or timeout
     */
    static boolean post(int targetRingFd, int count) {
        return SHARED.postAll(targetRingFd, count);
    }

    private synchronized boolean postAll(int targetRingFd, int count) {
        if (unsupported) {
            return false;
        }
        try {
            if (ring == null) {
                ring = open();
                if (ring == null) {
                    unsupported = true;
                    return false;
                }
            }
            ring.forEachCompletion(DISCARD);
            message.targetRingFd(targetRingFd);
            for (int left = count; left > 0; left -= ENTRIES) {
                for (int i = Math.min(left, ENTRIES); i > 0; i--) {
                    ring.push(message, WAKEUP_USER_DATA, SqeFlags.CQE_SKIP_SUCCESS);
                }
                ring.submit();
                ring.forEachCompletion(DISCARD);
            }
            return true;
        } catch (RuntimeException e) {
            if (ring != null) {
                ring.close(); // drops messages left in its queue: later they could reach a reused fd number
                ring = null;
            }
            return false;
        }
    }

    /**
     * A new shared ring, or {@code null} on kernels before 5.18, which have no MSG_RING: they refuse
     * {@code SUBMIT_ALL}, which came in the same release. (Where MSG_RING is missing anyway, each message fails with
     * a completion of its own, and the wake-up does nothing.)
     */
    private static LioUring open() {
        try {
            return new LioUring(ENTRIES, Params.builder().submitAll().build());
        } catch (UringException tooOld) {
            return null;
        }
    }
}
