package io.liouring.cli;

import io.liouring.LioUring;
import io.liouring.Params;
import io.liouring.RingAvailability;
import io.liouring.UringException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The ring sizes this kernel allows, found by asking: the largest SQ without {@code CLAMP}
 * ({@value LioUring#MAX_ENTRIES}), what {@code CLAMP} turns larger requests into, and the locked-memory limit
 * that registered buffers count against.
 */
final class RingLimits {
    private RingLimits() {
    }

    static void print(PrintStream out) {
        out.println("Limits:");
        out.println("  entries=" + LioUring.MAX_ENTRIES + " (the largest without CLAMP): "
                + ring(LioUring.MAX_ENTRIES, Params.defaults()));
        out.println("  entries=" + 2 * LioUring.MAX_ENTRIES + " with CLAMP: "
                + ring(2 * LioUring.MAX_ENTRIES, Params.builder().clamp().build()));
        out.println("  entries=4, cqSize=" + (1 << 20) + " with CLAMP: "
                + ring(4, Params.builder().clamp().cqSize(1 << 20).build()));
        out.println("  locked memory (ulimit -l): " + memlock().orElse("unknown")
                + " (registered buffers count against it without CAP_IPC_LOCK)");
        out.println("  kernel.io_uring_disabled: " + RingAvailability.disabledSetting().orElse("not present")
                + " (0: every process may use io_uring)");
    }

    private static String ring(int entries, Params params) {
        try (LioUring ring = new LioUring(entries, params)) {
            return "accepted: sq " + ring.sqEntries() + ", cq " + ring.cqEntries();
        } catch (UringException e) {
            return "refused: " + io.liouring.Errno.describe(e.errnoNumber());
        }
    }

    /** The soft RLIMIT_MEMLOCK from /proc/self/limits, in readable units. */
    private static Optional<String> memlock() {
        try {
            return Files.readAllLines(Path.of("/proc/self/limits")).stream()
                    .filter(l -> l.startsWith("Max locked memory"))
                    .map(l -> l.substring("Max locked memory".length()).trim().split("\\s+")[0])
                    .map(v -> v.equals("unlimited") ? v : ProgressBar.bytes(Long.parseLong(v)))
                    .findFirst();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
