package io.liouring;

import io.liouring.operation.Nop;
import io.liouring.operation.ReadSelect;
import io.liouring.operation.Timeout;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ring setups that change how submission and completion work: SQPOLL, DEFER_TASKRUN, SQE128/CQE32; flag OR-ing. */
class SubmissionModesTest {
    @Test
    void sqPollRingSubmitsWithoutEnteringTheKernelWhileItsThreadIsAwake() throws InterruptedException {
        try (var ring = new LioUring(8, Params.builder().sqPoll(Duration.ofSeconds(10)).build())) {
            ring.push(new Nop(), 1);
            ring.submit(); // may wake the freshly started thread
            assertEquals(1, ring.waitCompletion(Duration.ofSeconds(5)).orElseThrow().userData());

            long enters = ring.enterCalls;
            Nop nop = new Nop();
            for (int i = 0; i < 100; i++) {
                ring.push(nop, 1000 + i);
                ring.submit();
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (ring.cqReady() == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertEquals(1000 + i, ring.tryCompletion().orElseThrow().userData());
            }
            assertEquals(enters, ring.enterCalls, "the SQPOLL thread consumed every entry: no io_uring_enter");
        }
    }

    @Test
    void sqPollThreadThatFellAsleepIsWokenBySubmit() throws InterruptedException {
        try (var ring = new LioUring(8, Params.builder().sqPoll(Duration.ofMillis(10)).build())) {
            Thread.sleep(100); // idle longer than 10 ms: the thread sleeps and sets NEED_WAKEUP
            ring.push(new Nop(), 42);
            ring.submit();
            assertEquals(42, ring.waitCompletion(Duration.ofSeconds(5)).orElseThrow().userData());
        }
    }

    @Test
    void singleIssuerDeferTaskrunRingCompletesInlineAndAsyncRequests() {
        try (var ring = new LioUring(8, Params.builder().deferTaskrun().build())) {
            assertTrue((ring.setupFlags() & Params.SINGLE_ISSUER) != 0);
            ring.push(new Nop(), 1);
            ring.push(new Timeout(Duration.ofMillis(5)), 2);
            ring.submit();
            assertEquals(1, ring.waitCompletion().userData());
            Completion timeout = ring.waitCompletion();
            assertEquals(2, timeout.userData());
            assertEquals(Errno.ETIME, timeout.errno());
        }
    }

    @Test
    void deferTaskrunCompletionsAreCollectedByTryCompletion() throws InterruptedException {
        try (var ring = new LioUring(8, Params.builder().deferTaskrun().build())) {
            ring.push(new Timeout(Duration.ofMillis(1)), 3);
            ring.submit();
            Thread.sleep(50);
            assertEquals(0, ring.cqReady(), "DEFER_TASKRUN holds completions until the ring is entered");
            assertEquals(3, ring.tryCompletion().orElseThrow().userData());
        }
    }

    @Test
    void sqe128AndCqe32RingsWork() {
        try (var ring = new LioUring(8, Params.builder().sqe128().cqe32().build())) {
            assertTrue((ring.setupFlags() & (Params.SQE128 | Params.CQE32)) == (Params.SQE128 | Params.CQE32));
            Nop nop = new Nop();
            for (int i = 0; i < 20; i++) { // more than the ring size: slots wrap around
                ring.push(nop, i);
                Completion c = ring.waitCompletion();
                assertEquals(i, c.userData());
                assertEquals(0, c.result());
                assertEquals(0, c.extra1());
            }
        }
    }

    @Test
    void flagsTheOperationSetsSurviveTheCallersFlags() {
        SqeBytes sqe = SqeBytes.encode(new ReadSelect(3, 7, 64), SqeFlags.IO_LINK, 1);
        assertEquals(SqeFlags.BUFFER_SELECT.and(SqeFlags.IO_LINK).bits(), sqe.flags());
        assertEquals(7, sqe.bufIndex());
    }

    @Test
    void linkedBufferSelectReadWithoutBuffersFailsAndCancelsTheLink() throws Exception {
        try (var ring = new LioUring(8); var pipe = java.nio.channels.Pipe.open().source()) {
            int fd = Fd.open(java.nio.file.Path.of("/dev/zero"), OpenFlags.O_RDONLY, 0);
            try {
                ring.push(new ReadSelect(fd, 7, 64), 1, SqeFlags.IO_LINK);
                ring.push(new Nop(), 2);
                ring.submit();
                Completion read = ring.waitCompletion();
                Completion nop = ring.waitCompletion();
                // BUFFER_SELECT survived: the kernel looked for group 7 and found none
                assertEquals(Errno.ENOBUFS, read.errno());
                // IO_LINK survived: the failed head cancelled the next request
                assertEquals(Errno.ECANCELED, nop.errno());
            } finally {
                Fd.close(fd);
            }
        }
    }
}
