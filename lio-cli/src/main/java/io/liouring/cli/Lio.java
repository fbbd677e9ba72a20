package io.liouring.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lio} command: io_uring made tangible, from the lio-uring library. */
@Command(name = "lio", mixinStandardHelpOptions = true, version = "lio 0.1.0",
        description = "io_uring from pure Java: probe the kernel, run the demo, use io_uring-powered tools.",
        subcommands = {ProbeCommand.class, DemoCommand.class, CpCommand.class, CatCommand.class, StatCommand.class,
                HashCommand.class, EchoServerCommand.class, EchoClientCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Lio implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the tool and returns its exit code (for tests). */
    static int run(String... args) {
        return new CommandLine(new Lio()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
