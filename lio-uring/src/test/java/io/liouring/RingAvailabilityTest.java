package io.liouring;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Why io_uring is not usable, and what to do, for each way a ring's setup is refused. */
class RingAvailabilityTest {
    private static final int EPERM = 1;
    private static final int ENOMEM = 12;
    private static final int ENOSYS = 38;
    private static final String KERNEL = "Linux 4.19.0";

    private static void assertSays(String explanation, String... parts) {
        for (String part : parts) {
            assertTrue(explanation.contains(part), "expected \"" + part + "\" in:\n" + explanation);
        }
    }

    @Test
    void disabledForEveryProcessBySysctlSaysHowToEnableIt() {
        assertSays(RingAvailability.explain(EPERM, "2", "-1", 0, KERNEL),
                "EPERM", "kernel.io_uring_disabled = 2", "sysctl -w kernel.io_uring_disabled=0");
    }

    @Test
    void restrictedToAGroupBySysctlNamesTheGroup() {
        assertSays(RingAvailability.explain(EPERM, "1", "1234", 0, KERNEL),
                "kernel.io_uring_disabled = 1", "kernel.io_uring_group (gid 1234)", "CAP_SYS_ADMIN");
    }

    @Test
    void refusedByASeccompFilterPointsAtTheContainerProfile() {
        assertSays(RingAvailability.explain(EPERM, "0", null, 2, KERNEL),
                "seccomp", "io_uring_setup, io_uring_enter and io_uring_register", "--security-opt seccomp=");
    }

    @Test
    void refusedWithoutSysctlOrSeccompSuspectsASecurityModule() {
        assertSays(RingAvailability.explain(EPERM, null, null, 0, KERNEL), "SELinux, AppArmor");
    }

    @Test
    void missingFromTheKernelNamesTheKernelAndTheVersionNeeded() {
        assertSays(RingAvailability.explain(ENOSYS, null, null, 0, KERNEL), "ENOSYS", KERNEL, "5.1", "CONFIG_IO_URING");
    }

    @Test
    void missingUnderASeccompFilterMentionsBoth() {
        assertSays(RingAvailability.explain(ENOSYS, null, null, 2, KERNEL), KERNEL, "seccomp");
    }

    @Test
    void outOfLockedMemorySaysToRaiseTheLimit() {
        assertSays(RingAvailability.explain(ENOMEM, "0", null, 0, KERNEL), "ENOMEM", "RLIMIT_MEMLOCK", "ulimit -l");
    }
}
