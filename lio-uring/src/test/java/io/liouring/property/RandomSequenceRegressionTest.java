package io.liouring.property;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * Counterexamples the property tests shrank to, kept as plain tests. Each first failed because the model (or the
 * way the runner used the ring) was wrong about the kernel; the model now says what the kernel does, and these pin
 * it down.
 */
class RandomSequenceRegressionTest {
    private static final RingShape PLAIN_1 = new RingShape(RingShape.Mode.PLAIN, 1, 0, false, false, false);
    private static final RingShape PLAIN_2 = new RingShape(RingShape.Mode.PLAIN, 2, 0, false, false, false);

    @AfterAll
    static void closeHandleLoop() {
        HandleSteps.closeLoop(); // opened by check() for sequences that race handles
    }

    /** pwrite of 0 bytes past the end does not grow the file. */
    @Test
    void aZeroLengthWritePastTheEndLeavesTheFileSizeAlone() {
        RandomSequencePropertiesTest.check(PLAIN_1, List.of(new Step.FileWrite(1, 0, 0)));
    }

    /**
     * A request with CQE_SKIP_SUCCESS that fails posts its completion, and the requests linked after it, which it
     * cancels, post none (the kernel's REQ_F_SKIP_LINK_CQES; liburing's test/skip-cqe.c).
     */
    @Test
    void aFailedSkipSuccessHeadSilencesTheRequestsItCancels() {
        RandomSequencePropertiesTest.check(PLAIN_2, List.of(new Step.Chain(
                List.of(new Step.Nop(-5, true), new Step.Nop(0, false)), false)));
    }

    /**
     * A send with CQE_SKIP_SUCCESS posts nothing, so no completion says when it is done: the runner once refilled its
     * buffer for the next send before the kernel had read it, and the receiver got the second byte twice. A NOP linked
     * after the silent send now says when it is done (IO_DRAIN cannot: a ring that saw CQE_SKIP_SUCCESS refuses it
     * with -EOPNOTSUPP).
     */
    @Test
    void aSilentlySuccessfulSendDeliversItsBytesBeforeTheNextSend() {
        RandomSequencePropertiesTest.check(PLAIN_2, List.of(
                new Step.Send(false, false, Step.Via.SEND, 1, 0, false, true),
                new Step.Send(false, false, Step.Via.SEND, 1, 1, false, false),
                new Step.Recv(false, false, 2, false, false)));
    }

    /** Without CQE_SKIP_SUCCESS on the failed request, the cancelled ones post -ECANCELED, even those that asked to skip. */
    @Test
    void cancelledLinksPostEcanceledEvenWithSkipSuccess() {
        RandomSequencePropertiesTest.check(new RingShape(RingShape.Mode.PLAIN, 4, -1, false, false, false), List.of(
                new Step.Chain(List.of(new Step.Nop(-5, false), new Step.Nop(0, true), new Step.Nop(0, true)), false)));
    }
}
