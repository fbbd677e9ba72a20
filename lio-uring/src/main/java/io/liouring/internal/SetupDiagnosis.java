package io.liouring.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Says why {@code io_uring_setup(2)} was refused with {@code EPERM} or {@code ENOSYS}, from what {@code /proc} tells
 * about this machine and process: the {@code kernel.io_uring_disabled} sysctl (6.6+) and whether a seccomp filter
 * is in force ({@code Seccomp:} in {@code /proc/self/status}). Read only on that failure path.
 */
public final class SetupDiagnosis {
    private static final Path DISABLED = Path.of("/proc/sys/kernel/io_uring_disabled");
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final int SECCOMP_MODE_FILTER = 2;

    private SetupDiagnosis() {
    }

    /** {@return the hint for an EPERM from {@code io_uring_setup}} */
    public static String notPermitted() {
        OptionalInt disabled = readInt(DISABLED);
        if (disabled.isPresent() && disabled.getAsInt() == 2) {
            return "io_uring is disabled on this machine (/proc/sys/kernel/io_uring_disabled is 2):"
                    + " set it to 0 with `sysctl kernel.io_uring_disabled=0`";
        }
        if (disabled.isPresent() && disabled.getAsInt() == 1) {
            return "io_uring is reserved for root and the group in kernel.io_uring_group"
                    + " (/proc/sys/kernel/io_uring_disabled is 1): add this user to that group, or set it to 0";
        }
        String sysctl = disabled.isPresent() ? "/proc/sys/kernel/io_uring_disabled is 0, so " : "";
        if (underSeccompFilter()) {
            return sysctl + "the seccomp filter this process runs under refuses io_uring_setup (as Docker's default"
                    + " profile does): run with a seccomp profile that allows io_uring_setup, io_uring_enter and"
                    + " io_uring_register";
        }
        return "io_uring is not permitted here: check /proc/sys/kernel/io_uring_disabled (0 allows it), the"
                + " seccomp profile and the security module's policy (SELinux has an io_uring class)";
    }

    /** {@return the hint for an ENOSYS from {@code io_uring_setup}} */
    public static String missing() {
        String kernel = "Linux " + System.getProperty("os.version");
        if (underSeccompFilter()) {
            return "the seccomp filter this process runs under hides io_uring_setup (a container runtime's profile,"
                    + " systemd's SystemCallFilter= or a sandbox); " + kernel + " has it if built with"
                    + " CONFIG_IO_URING: allow io_uring_setup, io_uring_enter and io_uring_register (Linux 5.1+)";
        }
        return "this kernel (" + kernel + ") has no io_uring: Linux 5.1 or later, built with CONFIG_IO_URING,"
                + " is needed";
    }

    /** Whether a seccomp filter is in force for this process ({@code Seccomp: 2}). */
    private static boolean underSeccompFilter() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("Seccomp:")) {
                    return Integer.parseInt(line.substring("Seccomp:".length()).trim()) == SECCOMP_MODE_FILTER;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // no /proc: nothing to say
        }
        return false;
    }

    private static OptionalInt readInt(Path path) {
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(path).trim()));
        } catch (IOException | RuntimeException unreadable) {
            return OptionalInt.empty(); // before Linux 6.6 the sysctl does not exist
        }
    }
}
