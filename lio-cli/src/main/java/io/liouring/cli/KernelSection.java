package io.liouring.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/** Demo: the one-line summary of what the running kernel offers ({@code lio probe} has the details). */
final class KernelSection implements DemoSection {
    @Override
    public String title() {
        return "What this kernel offers (lio probe for the full table)";
    }

    @Override
    public boolean run(PrintStream out, Path dir) {
        KernelReport.probe().printSummary(out);
        return true;
    }
}
