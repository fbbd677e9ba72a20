package io.liouring.cli;

import io.liouring.UringException;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code lio probe}: which opcodes and ring features this kernel offers, and which class issues each opcode. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Show the io_uring opcodes and ring features of the running kernel.")
final class ProbeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        KernelReport report;
        try {
            report = KernelReport.probe();
        } catch (UringException e) {
            System.err.println("lio: io_uring is not usable here: " + e.getMessage());
            return 1;
        }
        report.printOpcodeTable(System.out);
        System.out.println();
        report.printFeatures(System.out);
        System.out.println();
        report.printSummary(System.out);
        return 0;
    }
}
