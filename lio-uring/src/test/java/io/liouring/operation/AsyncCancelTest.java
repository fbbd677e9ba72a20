package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.DirectFd;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.SqeFlags;
import io.liouring.testing.ControlNative;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.Map;

import static io.liouring.operation.PollEvents.POLLIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ASYNC_CANCEL in each of its forms (user_data, fd, fixed fd, opcode, any, all): encoding and the requests it hits. */
class AsyncCancelTest {
    private static final int ALL = 1, FD = 2, ANY = 4, FD_FIXED = 8, USERDATA = 16, OP = 32;

    private final LioUring ring = new LioUring(16);
    private final Arena arena = Arena.ofConfined();
    private final int[] pipe = ControlNative.pipe();
    private final int[] otherPipe = ControlNative.pipe();

    @AfterEach
    void tearDown() {
        ring.close(); // cancels anything still in flight before the buffers go
        arena.close();
        ControlNative.close(pipe[0], pipe[1], otherPipe[0], otherPipe[1]);
    }

    /** A read of an empty pipe: it stays pending until data comes or it is cancelled. */
    private Read pendingRead(int fd) {
        return new Read(fd, arena.allocate(16));
    }

    // ------------------------------------------------------------------ encoding

    @Test
    void byUserDataEncodesTheTargetInAddrAndNoFlags() {
        SqeBytes sqe = SqeBytes.encode(AsyncCancel.byUserData(0xFEED));
        assertEquals(Opcode.ASYNC_CANCEL.code(), sqe.opcode());
        assertEquals(-1, sqe.fd());
        assertEquals(0xFEED, sqe.addr());
        assertEquals(0, sqe.opFlags());
        assertEquals(0, sqe.len());
        assertEquals(0, sqe.off());
    }

    @Test
    void byFdEncodesTheFdWithCancelFd() {
        SqeBytes sqe = SqeBytes.encode(AsyncCancel.byFd(9).all());
        assertEquals(9, sqe.fd());
        assertEquals(FD | ALL, sqe.opFlags());
        assertEquals(0, sqe.addr());
    }

    @Test
    void byDirectFdAddsFdFixed() {
        SqeBytes sqe = SqeBytes.encode(AsyncCancel.byFd(new DirectFd(3)));
        assertEquals(3, sqe.fd());
        assertEquals(FD | FD_FIXED, sqe.opFlags());
    }

    @Test
    void byOpcodeEncodesTheOpcodeInLen() {
        SqeBytes sqe = SqeBytes.encode(AsyncCancel.byOpcode(Opcode.READ));
        assertEquals(-1, sqe.fd());
        assertEquals(Opcode.READ.code(), sqe.len());
        assertEquals(OP, sqe.opFlags());
    }

    @Test
    void combinedCriteriaSetEveryKeyAndUserDataExplicitly() {
        SqeBytes sqe = SqeBytes.encode(AsyncCancel.byOpcode(Opcode.READ).andFd(5).andUserData(42).all());
        assertEquals(5, sqe.fd());
        assertEquals(42, sqe.addr());
        assertEquals(Opcode.READ.code(), sqe.len());
        assertEquals(OP | FD | USERDATA | ALL, sqe.opFlags());
    }

    @Test
    void anyEncodesCancelAnyAlone() {
        SqeBytes sqe = SqeBytes.encode(AsyncCancel.any());
        assertEquals(-1, sqe.fd());
        assertEquals(ANY, sqe.opFlags());
    }

    @Test
    void anyTakesNoOtherCriteriaAndBadArgumentsAreRefused() {
        assertThrows(IllegalStateException.class, () -> AsyncCancel.any().andFd(3));
        assertThrows(IllegalStateException.class, () -> AsyncCancel.any().andOpcode(Opcode.READ));
        assertThrows(IllegalArgumentException.class, () -> AsyncCancel.byFd(-1));
        assertThrows(NullPointerException.class, () -> AsyncCancel.byOpcode(null));
    }

    // ------------------------------------------------------------------ kernel

    @Test
    void cancellingAPendingReadByUserDataCancelsIt() {
        ring.push(pendingRead(pipe[0]), 1);
        ring.submit();
        ring.push(AsyncCancel.byUserData(1), 2);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
        assertEquals(Errno.ECANCELED, done.get(1L).errno());
        assertEquals(0, done.get(2L).result());
    }

    @Test
    void cancellingAnUnknownUserDataFailsWithEnoent() {
        ring.push(AsyncCancel.byUserData(404), 2);
        assertEquals(Errno.ENOENT, Roundtrip.next(ring).errno());
    }

    @Test
    void allWithNothingToCancelCountsZero() {
        ring.push(AsyncCancel.byUserData(404).all(), 2);
        assertEquals(0, Roundtrip.next(ring).result());
    }

    @Test
    void allCancelsEveryRequestWithThatUserDataAndCountsThem() {
        ring.push(pendingRead(pipe[0]), 7);
        ring.push(pendingRead(otherPipe[0]), 7);
        ring.push(pendingRead(otherPipe[0]), 8);
        ring.submit();
        ring.push(AsyncCancel.byUserData(7).all(), 2);
        Completion cancel = null;
        int cancelled = 0;
        for (Completion c : Roundtrip.next(ring, 3)) {
            if (c.userData() == 2) {
                cancel = c;
            } else {
                assertEquals(7, c.userData(), "only user_data 7 is cancelled: " + c);
                assertEquals(Errno.ECANCELED, c.errno());
                cancelled++;
            }
        }
        assertEquals(2, cancelled);
        assertEquals(2, cancel.result());
    }

    @Test
    void byFdCancelsTheRequestsOnThatFdOnly() {
        ring.push(pendingRead(pipe[0]), 1);
        ring.push(pendingRead(pipe[0]), 2);
        ring.push(pendingRead(otherPipe[0]), 3);
        ring.submit();
        ring.push(AsyncCancel.byFd(pipe[0]).all(), 4);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 3);
        assertEquals(Errno.ECANCELED, done.get(1L).errno());
        assertEquals(Errno.ECANCELED, done.get(2L).errno());
        assertEquals(2, done.get(4L).result());

        ControlNative.write(otherPipe[1], "abc");
        Completion survivor = Roundtrip.next(ring);
        assertEquals(3, survivor.userData());
        assertEquals(3, survivor.result(), "the read on the other pipe was left alone");
    }

    @Test
    void byFdWithoutAllCancelsOneRequest() {
        ring.push(pendingRead(pipe[0]), 1);
        ring.push(pendingRead(pipe[0]), 2);
        ring.submit();
        ring.push(AsyncCancel.byFd(pipe[0]), 3);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
        assertEquals(0, done.get(3L).result());
        long cancelled = done.keySet().stream().filter(ud -> ud != 3).findFirst().orElseThrow();
        assertEquals(Errno.ECANCELED, done.get(cancelled).errno());

        ControlNative.write(pipe[1], "ab");
        Completion survivor = Roundtrip.next(ring);
        assertEquals(cancelled == 1 ? 2 : 1, survivor.userData());
        assertEquals(2, survivor.result());
    }

    @Test
    void byDirectFdCancelsTheRequestOnThatDirectDescriptor() {
        ring.registerFiles(pipe[0]);
        ring.push(pendingRead(0), 1, SqeFlags.FIXED_FILE);
        ring.submit();
        ring.push(AsyncCancel.byFd(new DirectFd(0)), 2);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
        assertEquals(Errno.ECANCELED, done.get(1L).errno());
        assertEquals(0, done.get(2L).result());
    }

    @Test
    void byOpcodeCancelsOnlyRequestsWithThatOpcode() {
        ring.push(pendingRead(pipe[0]), 1);
        ring.push(new PollAdd(otherPipe[0], POLLIN), 2);
        ring.submit();
        ring.push(AsyncCancel.byOpcode(Opcode.READ).all(), 3);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
        assertEquals(Errno.ECANCELED, done.get(1L).errno());
        assertEquals(1, done.get(3L).result());

        ControlNative.write(otherPipe[1], "x");
        Completion poll = Roundtrip.next(ring);
        assertEquals(2, poll.userData());
        assertTrue((poll.result() & POLLIN) != 0, "the poll was left alone: " + poll);
    }

    @Test
    void byOpcodeAndUserDataNeedsBothToMatch() {
        ring.push(pendingRead(pipe[0]), 1);
        ring.push(pendingRead(pipe[0]), 2);
        ring.submit();
        ring.push(AsyncCancel.byOpcode(Opcode.READ).andUserData(2).all(), 3);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 2);
        assertEquals(Errno.ECANCELED, done.get(2L).errno());
        assertEquals(1, done.get(3L).result());
    }

    @Test
    void anyCancelsEveryRequestInFlightAndCountsThem() {
        ring.push(pendingRead(pipe[0]), 1);
        ring.push(pendingRead(otherPipe[0]), 2);
        ring.push(new PollAdd(otherPipe[0], POLLIN), 3);
        ring.push(new Timeout(Duration.ofHours(1)), 4);
        ring.submit();
        ring.push(AsyncCancel.any(), 5);
        Map<Long, Completion> done = Roundtrip.byUserData(ring, 5);
        for (long ud = 1; ud <= 4; ud++) {
            assertEquals(Errno.ECANCELED, done.get(ud).errno(), "user_data " + ud);
        }
        assertEquals(4, done.get(5L).result());
    }
}
