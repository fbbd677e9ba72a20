package io.liouring.cli;

import io.liouring.Feature;
import io.liouring.LioUring;
import io.liouring.Opcode;
import io.liouring.Operation;
import io.liouring.Probe;
import io.liouring.internal.OperationCatalog;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What the running kernel offers, as {@code lio probe} and {@code lio demo} print it. */
final class KernelReport {
    private final Probe probe;
    private final Set<Feature> features;
    private final String kernel;

    private KernelReport(Probe probe, Set<Feature> features) {
        this.probe = probe;
        this.features = features;
        this.kernel = System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** Probes the kernel with a small ring. */
    static KernelReport probe() {
        try (LioUring ring = new LioUring(2)) {
            return new KernelReport(ring.probe(), ring.features());
        }
    }

    int supportedCount() {
        return probe.supportedCount();
    }

    long implementedSupportedCount() {
        return probe.supportedOpcodes().stream().filter(op -> !OperationCatalog.classesFor(op).isEmpty()).count();
    }

    void printOpcodeTable(PrintStream out) {
        out.printf("%-3s  %-18s %-6s %-9s %s%n", "#", "opcode", "since", "kernel", "lio-uring class");
        for (Opcode op : Opcode.values()) {
            List<Class<? extends Operation>> classes = OperationCatalog.classesFor(op);
            String names = classes.isEmpty() ? "-" : classes.stream().map(Class::getSimpleName)
                    .collect(Collectors.joining(", "));
            out.printf("%-3d  %-18s %-6s %-9s %s%n", op.code(), op.name(), op.since(),
                    probe.isSupported(op) ? "yes" : "no", names);
        }
    }

    void printFeatures(PrintStream out) {
        out.println("Ring features reported by the kernel (" + features.size() + " of " + Feature.values().length + "):");
        for (Feature f : Feature.values()) {
            out.printf("  %-28s %-5s %s%n", f.kernelName(), "(" + f.since() + ")", features.contains(f) ? "yes" : "no");
        }
    }

    void printSummary(PrintStream out) {
        out.printf("Kernel %s: io_uring usable; %d opcodes supported (last #%d), %d of them with a lio-uring class;"
                        + " %d of %d ring features.%n",
                kernel, probe.supportedCount(), probe.lastOpcode(), implementedSupportedCount(), features.size(),
                Feature.values().length);
    }
}
