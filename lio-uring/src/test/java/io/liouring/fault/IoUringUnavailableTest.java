package io.liouring.fault;

import io.liouring.internal.SetupDiagnosis;
import io.liouring.testing.ChildJvm;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the kernel refuses {@code io_uring_setup}, the first ring fails with an exception that names the errno, the
 * cause and what to do. Shown for real: a child JVM installs a seccomp filter (as container runtimes and systemd do)
 * that makes the system call fail, then creates a ring.
 */
class IoUringUnavailableTest {
    private static ChildJvm.Result ringUnder(String errno) {
        ChildJvm.Result result = ChildJvm.run(UnavailableRingChild.class, List.of(), 60, errno);
        assertEquals(0, result.exitCode(), result.output());
        return result;
    }

    @Test
    void refusedWithEpermTheExceptionBlamesTheSeccompFilterAndSaysWhatToAllow() {
        ChildJvm.Result child = ringUnder("EPERM");
        String message = child.value("message");
        assertAll(
                () -> assertEquals("UringException", child.value("exception")),
                () -> assertEquals("EPERM", child.value("errno")),
                () -> assertTrue(message.startsWith("io_uring_setup(entries=8"), message),
                () -> assertTrue(message.contains("EPERM (1): Operation not permitted"), message),
                () -> assertTrue(message.contains("io_uring_disabled is 0, so the seccomp filter this process runs under"
                        + " refuses io_uring_setup"), message),
                () -> assertTrue(message.contains("allows io_uring_setup, io_uring_enter and io_uring_register"),
                        message));
    }

    @Test
    void refusedWithEnosysTheExceptionSaysIoUringIsMissingOrHidden() {
        ChildJvm.Result child = ringUnder("ENOSYS");
        String message = child.value("message");
        assertAll(
                () -> assertEquals("UringException", child.value("exception")),
                () -> assertEquals("ENOSYS", child.value("errno")),
                () -> assertTrue(message.contains("ENOSYS (38): Function not implemented"), message),
                () -> assertTrue(message.contains("the seccomp filter this process runs under hides io_uring_setup"),
                        message),
                () -> assertTrue(message.contains("allow io_uring_setup, io_uring_enter and io_uring_register"),
                        message));
    }

    @Test
    void withoutAFilterEnosysBlamesTheKernelAndNamesItsVersion() {
        String hint = SetupDiagnosis.missing(); // this test JVM runs under no seccomp filter
        assertTrue(hint.startsWith("this kernel (Linux " + System.getProperty("os.version") + ") has no io_uring"), hint);
    }
}
