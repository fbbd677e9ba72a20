package io.liouring.nio.file;

import io.liouring.nio.internal.RingSupport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the kernel refuses io_uring, the provider falls back to the JDK's channels: unchanged code keeps working and
 * the reason, in {@code lio probe}'s words, is logged once at WARNING. Shown for real: the forked JVM
 * ({@link DefaultProviderChild}) installs a seccomp filter that makes {@code io_uring_setup} fail, as container
 * runtimes do, before its first file operation. The probe's own explanation reads {@code /proc} through
 * {@code java.nio.file}, so through this provider, on the probing thread: that it finishes shows the nested call is
 * answered without probing again.
 */
class LioFallbackForkedTest {
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
    private static final String WARNING = "io_uring is not usable here: io_uring_setup failed: ";

    private static ForkedJvm.Result underFilter(String when, int errno) throws Exception {
        ForkedJvm.Result child = ForkedJvm.run(DefaultProviderChild.class, List.of(ForkedJvm.DEFAULT_PROVIDER),
                when, Integer.toString(errno));
        assertEquals(0, child.exitCode(), child.output());
        return child;
    }

    private static void assertEverythingWorked(ForkedJvm.Result child) {
        assertAll(
                () -> assertEquals(LioFileSystemProvider.class.getName(), child.value("provider")),
                () -> assertEquals("true", child.value("concurrentFirstUse")),
                () -> assertEquals("true", child.value("writeReadAllBytes")),
                () -> assertEquals("alpha,beta,null", child.value("bufferedReader")),
                () -> assertEquals("true", child.value("streams")),
                () -> assertEquals("true", child.value("zipFileSystem")),
                () -> assertEquals("true", child.value("copy")),
                () -> assertEquals("true", child.value("move")),
                () -> assertEquals("at 4096,4103", child.value("fileChannel")),
                () -> assertEquals("async", child.value("asynchronousFileChannel")),
                () -> assertEquals("false", child.value("available")));
    }

    @Test
    void refusedWithEpermEverythingWorksOnTheJdksChannelsAndTheSeccompFilterIsBlamedOnce() throws Exception {
        ForkedJvm.Result child = underFilter("refuse", EPERM);
        assertEverythingWorked(child);
        String reason = child.value("reason");
        assertAll(
                () -> assertTrue(reason.startsWith(WARNING + "EPERM (1)"), reason),
                () -> assertTrue(reason.contains("a seccomp filter refuses the io_uring system calls"), reason),
                () -> assertEquals(1, child.occurrences("WARNING: " + WARNING + "EPERM"), child.output()),
                () -> assertEquals(1, child.occurrences("WARNING: "), child.output()),
                () -> assertTrue(child.output().contains(RingSupport.class.getName()), child.output()),
                () -> assertEquals(1, child.occurrences("lio-nio falls back to the JDK's own channels."),
                        child.output()));
    }

    /**
     * The filter comes after the provider was loaded and used for directories and attributes: io_uring is probed at
     * the first channel, not when the JDK constructs the provider.
     */
    @Test
    void refusedWithEnosysAfterStartUpEverythingWorksAndTheWarningSaysTheKernelOrAFilterHidesIoUring()
            throws Exception {
        ForkedJvm.Result child = underFilter("refuseAfterStart", ENOSYS);
        assertEquals("true,0", child.value("usedBeforeFilter"));
        assertEverythingWorked(child);
        String reason = child.value("reason");
        assertAll(
                () -> assertTrue(reason.startsWith(WARNING + "ENOSYS (38)"), reason),
                () -> assertTrue(reason.contains("has no io_uring, or a seccomp filter refuses"), reason),
                () -> assertEquals(1, child.occurrences("WARNING: " + WARNING + "ENOSYS"), child.output()));
    }
}
