package io.liouring.property;

import io.liouring.Params;

import java.time.Duration;

/**
 * How the ring of one random sequence is set up: its threading mode, a tiny submission queue (1 to 8 entries), an
 * optional completion queue size, big entries, and how completions are reaped (one by one, or in batches through
 * {@code forEachCompletion}).
 *
 * @param cqShift -1 for the default completion queue (twice the submission queue), else {@code CQSIZE = entries << cqShift}
 */
record RingShape(Mode mode, int entries, int cqShift, boolean sqe128, boolean cqe32, boolean batchReap) {
    /** The setup flags that change how requests are issued and completed. */
    enum Mode {
        PLAIN, SQPOLL, DEFER_TASKRUN, COOP_TASKRUN, SINGLE_ISSUER
    }

    Params params() {
        Params.Builder b = Params.builder();
        switch (mode) {
            case PLAIN -> {
            }
            // a short idle time: the poll thread sleeps soon and does not hog one of the shared CPUs
            case SQPOLL -> b.sqPoll(Duration.ofMillis(1));
            case DEFER_TASKRUN -> b.singleIssuer().deferTaskrun();
            case COOP_TASKRUN -> b.coopTaskrun().taskrunFlag();
            case SINGLE_ISSUER -> b.singleIssuer();
        }
        if (cqShift >= 0) {
            b.cqSize(entries << cqShift);
        }
        if (sqe128) {
            b.sqe128();
        }
        if (cqe32) {
            b.cqe32();
        }
        return b.build();
    }
}
