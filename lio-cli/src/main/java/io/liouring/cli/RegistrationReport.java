package io.liouring.cli;

import io.liouring.RegisterOp;
import io.liouring.RingCapabilities;

import java.io.PrintStream;
import java.util.Optional;

/**
 * The registrations ({@code io_uring_register(2)} opcodes) and {@code io_uring_enter(2)} flags the running kernel
 * has, as {@code IORING_REGISTER_QUERY} (Linux 6.18) reports them; on older kernels, that it cannot say.
 */
final class RegistrationReport {
    private static final String[] ENTER_FLAGS = {"GETEVENTS", "SQ_WAKEUP", "SQ_WAIT", "EXT_ARG", "REGISTERED_RING",
            "ABS_TIMER", "EXT_ARG_REG", "NO_IOWAIT"};
    private static final String[] ENTER_SINCE = {"5.1", "5.1", "5.10", "5.11", "5.18", "6.12", "6.13", "6.15"};

    private RegistrationReport() {
    }

    /** The kernel's answer to the capability query, or empty where it has none. */
    static Optional<RingCapabilities> query() {
        try {
            return Optional.of(RingCapabilities.query());
        } catch (UnsupportedOperationException | io.liouring.UringException e) {
            return Optional.empty();
        }
    }

    static void print(Optional<RingCapabilities> capabilities, PrintStream out) {
        if (capabilities.isEmpty()) {
            out.println("Registrations and enter flags: this kernel has no IORING_REGISTER_QUERY (Linux 6.18), so"
                    + " it cannot list them");
            return;
        }
        RingCapabilities caps = capabilities.get();
        long known = java.util.Arrays.stream(RegisterOp.values()).filter(op -> op.code() < caps.registerOpcodes()).count();
        out.println("Registrations this kernel has (" + known + " of " + RegisterOp.values().length
                + ", IORING_REGISTER_QUERY: " + caps.registerOpcodes() + " register opcodes):");
        for (RegisterOp op : RegisterOp.values()) {
            out.printf("  %-34s %-6s %s%n", "IORING_" + op.name(), "(" + op.since() + ")",
                    op.code() < caps.registerOpcodes() ? "yes" : "no");
        }
        out.println();
        out.println("Enter flags this kernel accepts:");
        for (int i = 0; i < ENTER_FLAGS.length; i++) {
            out.printf("  %-34s %-6s %s%n", "IORING_ENTER_" + ENTER_FLAGS[i], "(" + ENTER_SINCE[i] + ")",
                    (caps.enterFlags() & (1L << i)) != 0 ? "yes" : "no");
        }
    }
}
