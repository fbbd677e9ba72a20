package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.DirectFd;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.SqeFlags;
import io.liouring.testing.PipeNative;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;

import static io.liouring.testing.Roundtrip.next;
import static io.liouring.testing.Roundtrip.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test flags of {@code IORING_OP_NOP}: each makes the NOP take one path of a real request, which the kernel
 * shows by failing it where that path fails. A failed NOP breaks a link like any failed request, so the result of
 * the request linked after it shows whether the NOP failed.
 */
class NopFlagsTest {
    /** A NOP linked to a second one: the second's result is -ECANCELED if the first failed. */
    private static int[] linked(LioUring ring, Nop first) {
        ring.push(first, 1, SqeFlags.IO_LINK);
        ring.push(new Nop(), 2);
        ring.submitAndWait(2);
        Completion a = next(ring);
        Completion b = next(ring);
        return a.userData() == 1 ? new int[]{a.result(), b.result()} : new int[]{b.result(), a.result()};
    }

    @Test
    void anOpenDescriptorIsFoundAndAClosedOneFailsTheRequest() {
        try (var ring = new LioUring(8);
             var pipe = PipeNative.pipe()) {
            assertEquals(0, linked(ring, new Nop().file(pipe.readFd()))[1], "an open fd: the link goes on");
            int closed = pipe.writeFd();
            pipe.closeWrite();
            int[] results = linked(ring, new Nop().file(closed));
            assertEquals(-Errno.ECANCELED.number(), results[1], "a closed fd fails the NOP: " + results[0]);
        }
    }

    @Test
    void aDirectDescriptorIsLookedUpInTheRegisteredTable() {
        try (var ring = new LioUring(8);
             var pipe = PipeNative.pipe()) {
            ring.registerFiles(pipe.readFd(), -1);
            assertEquals(0, linked(ring, new Nop().file(new DirectFd(0)))[1], "slot 0 holds the pipe");
            assertEquals(-Errno.ECANCELED.number(), linked(ring, new Nop().file(new DirectFd(1)))[1], "slot 1 is empty");
            assertEquals(-Errno.ECANCELED.number(), linked(ring, new Nop().file(new DirectFd(9)))[1], "no slot 9");
        }
    }

    @Test
    void aRegisteredBufferIsLookedUp() {
        try (var ring = new LioUring(8);
             var arena = Arena.ofConfined()) {
            assertEquals(-Errno.ECANCELED.number(), linked(ring, new Nop().fixedBuffer(0))[1], "no buffers yet");
            ring.registerBuffers(arena.allocate(4096, 4096));
            assertEquals(0, linked(ring, new Nop().fixedBuffer(0))[1], "buffer 0 is registered");
            assertEquals(-Errno.ECANCELED.number(), linked(ring, new Nop().fixedBuffer(1))[1], "buffer 1 is not");
            assertThrows(IllegalArgumentException.class, () -> new Nop().fixedBuffer(-1));
        }
    }

    @Test
    void aTaskWorkCompletionWaitsForTheDeferTaskrunRingToBeEntered() {
        try (var ring = new LioUring(4, Params.builder().deferTaskrun().build())) {
            ring.push(new Nop(), 2);
            ring.submit();
            assertEquals(1, ring.cqReady(), "a plain NOP completes inline, during the submit");
            assertEquals(2, ring.tryCompletion().orElseThrow().userData());
            ring.push(new Nop().taskWork().injectResult(11), 3);
            ring.submit();
            assertEquals(0, ring.cqReady(), "posted only when the ring is entered to collect completions");
            Completion c = ring.waitCompletion();
            assertEquals(3, c.userData());
            assertEquals(11, c.result());
        }
    }

    @Test
    void injectedResultsAndBigCompletionsCombine() {
        try (var ring = new LioUring(4, Params.builder().cqe32().build())) {
            Completion c = run(ring, new Nop().injectResult(-Errno.EIO.number()).cqe32(5, 6));
            assertEquals(new Completion(c.userData(), -Errno.EIO.number(), 0, 5, 6), c);
            Completion plain = run(ring, new Nop().injectResult(8).noInjection());
            assertEquals(0, plain.result());
            assertTrue(plain.extra1() == 0 && plain.extra2() == 0, "no cqe32: the kernel's extra words are zero");
        }
    }
}
