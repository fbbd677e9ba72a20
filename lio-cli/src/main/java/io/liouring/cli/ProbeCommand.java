package io.liouring.cli;

import io.liouring.UringException;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * {@code lio probe}: which opcodes and ring features this kernel offers and which class issues each opcode,
 * which setup flags, registrations and enter flags it accepts, its ring size limits; or, when io_uring cannot be used, why and what to do.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Show the io_uring opcodes, ring features, setup flags, registrations, enter flags and limits"
                + " of the running kernel.")
final class ProbeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        KernelReport report;
        try {
            report = KernelReport.probe();
        } catch (UringException e) {
            Messages.ringFailure("lio probe", e);
            return 1;
        }
        PrintStream out = System.out;
        report.printOpcodeTable(out);
        out.println();
        report.printFeatures(out);
        out.println();
        SetupFlagProbe.print(SetupFlagProbe.run(), out);
        out.println();
        RegistrationReport.print(RegistrationReport.query(), out);
        out.println();
        RingLimits.print(out);
        out.println();
        report.printSummary(out);
        return 0;
    }
}
