package io.liouring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Why io_uring cannot be used here, and what to do: the errno of {@code io_uring_setup(2)} read together with
 * {@code /proc/sys/kernel/io_uring_disabled} (6.6+), {@code io_uring_group} and the process's seccomp mode. This is
 * the explanation {@code lio probe} prints, and the one lio-nio's providers log when they fall back to the JDK's
 * channels.
 */
public final class RingAvailability {
    private static final int EPERM = 1;
    private static final int ENOMEM = 12;
    private static final int ENOSYS = 38;
    private static final int SECCOMP_FILTER = 2;

    private RingAvailability() {
    }

    /**
     * {@return the explanation for a failed ring setup on this machine: the errno, the cause found in {@code /proc} and
     * what to do about it, on one or two lines}
     *
     * @param setupFailure what {@code new LioUring(..)} threw (its {@link UringException#call() call} is
     *                     {@code io_uring_setup})
     */
    public static String explain(UringException setupFailure) {
        return explain(setupFailure.errnoNumber(), sysctl("io_uring_disabled").orElse(null),
                sysctl("io_uring_group").orElse(null), seccompMode(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    /**
     * @param disabled the value of {@code kernel.io_uring_disabled}, or {@code null} if the kernel has none
     * @param group    the value of {@code kernel.io_uring_group}, or {@code null}
     * @param seccomp  the {@code Seccomp:} mode of {@code /proc/self/status} (2: a filter is installed)
     */
    static String explain(int errno, String disabled, String group, int seccomp, String kernel) {
        String cause = "io_uring_setup failed: " + Errno.describe(errno) + ".\n";
        return cause + switch (errno) {
            case EPERM -> switch (disabled == null ? "0" : disabled) {
                case "2" -> "kernel.io_uring_disabled = 2: io_uring is switched off for every process.\n"
                        + "To allow it, as root: sysctl -w kernel.io_uring_disabled=0";
                case "1" -> "kernel.io_uring_disabled = 1: only processes with CAP_SYS_ADMIN or in the group"
                        + " kernel.io_uring_group (gid " + (group == null ? "?" : group) + ") may create rings.\n"
                        + "Add this user to that group, or as root: sysctl -w kernel.io_uring_disabled=0";
                default -> seccomp == SECCOMP_FILTER
                        ? seccompAdvice()
                        : "kernel.io_uring_disabled allows io_uring and no seccomp filter is installed: a security"
                                + " module (SELinux, AppArmor) may deny it; check the audit log.";
            };
            case ENOSYS -> seccomp == SECCOMP_FILTER
                    ? "Either the kernel (" + kernel + ") has no io_uring, or " + seccompAdvice()
                    : "This kernel (" + kernel + ") has no io_uring: it is older than Linux 5.1 or built without"
                            + " CONFIG_IO_URING. lio-uring needs 5.1 at least; 6.1 or later for most operations.";
            case ENOMEM -> "Not enough locked memory for the ring: without CAP_IPC_LOCK, a ring's memory (two pages"
                    + " at least) is charged to RLIMIT_MEMLOCK, by kernels before 5.12 and again by recent ones (6.18"
                    + " does). Raise it (ulimit -l 64, or LimitMEMLOCK= for a service).";
            default -> "See io_uring_setup(2) for this errno.";
        };
    }

    private static String seccompAdvice() {
        return "a seccomp filter refuses the io_uring system calls (Seccomp: 2 in /proc/self/status). Container"
                + " runtimes (Docker, containerd, Podman) block io_uring in their default profiles: run the container"
                + " with a seccomp profile that allows io_uring_setup, io_uring_enter and io_uring_register"
                + " (for Docker: --security-opt seccomp=<profile.json>).";
    }

    /** {@return the value of {@code kernel.io_uring_disabled} (0, 1 or 2), or empty before Linux 6.6} */
    public static Optional<String> disabledSetting() {
        return sysctl("io_uring_disabled");
    }

    /** A value under /proc/sys/kernel, trimmed. */
    private static Optional<String> sysctl(String name) {
        try {
            return Optional.of(Files.readString(Path.of("/proc/sys/kernel", name)).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The seccomp mode of this process: 0 none, 1 strict, 2 filter; -1 if unknown. */
    private static int seccompMode() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Seccomp:"))
                    .mapToInt(l -> Integer.parseInt(l.substring("Seccomp:".length()).trim()))
                    .findFirst().orElse(-1);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
