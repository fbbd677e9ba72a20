package io.liouring.operation;

import io.liouring.Completion;
import io.liouring.Errno;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.SqeBytes;
import io.liouring.struct.SigInfo;
import io.liouring.testing.ControlNative;
import io.liouring.testing.Roundtrip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.liouring.operation.WaitId.P_PID;
import static io.liouring.operation.WaitId.WEXITED;
import static io.liouring.operation.WaitId.WNOWAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The children here are started with posix_spawn, not ProcessBuilder: the JVM reaps the processes it starts
 * itself from a reaper thread, which would race with the WaitId under test. A child the JVM does not know can
 * only be reaped by the test.
 */
class WaitIdTest {
    private LioUring ring;

    @BeforeEach
    void setUp() {
        ring = new LioUring(16);
    }

    @AfterEach
    void tearDown() {
        ring.close();
    }

    private Completion waitFor(int pid, int options, SigInfo info) {
        ring.push(new WaitId(P_PID, pid, options).info(info), 1);
        return Roundtrip.next(ring);
    }

    // ------------------------------------------------------------------ encoding

    @Test
    void encodesIdInFdIdTypeInLenOptionsInFileIndexAndSigInfoInAddr2() {
        SigInfo info = SigInfo.allocate();
        SqeBytes sqe = SqeBytes.encode(new WaitId(P_PID, 4321, WEXITED | WNOWAIT).info(info));
        assertEquals(Opcode.WAITID.code(), sqe.opcode());
        assertEquals(4321, sqe.fd());
        assertEquals(P_PID, sqe.len());
        assertEquals(WEXITED | WNOWAIT, sqe.fileIndex());
        assertEquals(info.segment().address(), sqe.off());
        assertEquals(0, sqe.addr(), "addr must be 0");
        assertEquals(0, sqe.opFlags(), "waitid_flags must be 0");
        assertEquals(0, SqeBytes.encode(new WaitId(WaitId.P_ALL, 0, WEXITED)).off(), "no siginfo");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WaitId(4, 1, WEXITED));
        assertThrows(IllegalArgumentException.class, () -> new WaitId(P_PID, 1, WNOWAIT));
        assertThrows(NullPointerException.class, () -> new WaitId(P_PID, 1, WEXITED).info(null));
    }

    // ------------------------------------------------------------------ kernel

    @Test
    void reapsAnExitedChildAndReportsItsPidAndExitStatus() {
        int pid = ControlNative.spawn("/bin/sh", "-c", "exit 7");
        SigInfo info = SigInfo.allocate();
        Completion c = waitFor(pid, WEXITED, info);
        assertEquals(0, c.result(), c.toString());
        assertEquals(SigInfo.SIGCHLD, info.signo());
        assertEquals(SigInfo.CLD_EXITED, info.code());
        assertEquals(pid, info.pid());
        assertEquals(7, info.status());

        assertEquals(Errno.ECHILD, waitFor(pid, WEXITED, info.clear()).errno(), "the child was reaped");
    }

    @Test
    void withWnowaitTheChildIsReportedButStaysWaitable() {
        int pid = ControlNative.spawn("/bin/sh", "-c", "exit 3");
        SigInfo info = SigInfo.allocate();
        assertEquals(0, waitFor(pid, WEXITED | WNOWAIT, info).result());
        assertEquals(pid, info.pid());
        assertEquals(3, info.status());

        assertEquals(0, waitFor(pid, WEXITED, info.clear()).result(), "still there to be reaped");
        assertEquals(pid, info.pid());
        assertEquals(3, info.status());
    }

    @Test
    void reportsAKilledChildWithItsSignal() {
        int pid = ControlNative.spawn("/bin/sh", "-c", "kill -9 $$");
        SigInfo info = SigInfo.allocate();
        assertEquals(0, waitFor(pid, WEXITED, info).result());
        assertEquals(SigInfo.CLD_KILLED, info.code());
        assertEquals(9, info.status());
        assertEquals(pid, info.pid());
    }

    @Test
    void waitingForAProcessThatIsNotOurChildFailsWithEchild() {
        assertEquals(Errno.ECHILD, waitFor(1, WEXITED, SigInfo.allocate()).errno());
    }
}
