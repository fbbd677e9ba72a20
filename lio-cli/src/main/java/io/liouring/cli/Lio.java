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

    /**
     * Runs {@code lio} with standard output checked as coreutils check it ({@link StandardOutput}), on the arguments
     * as the bytes they are ({@link FileNameEncoding}).
     */
    public static void main(String[] args) {
        StandardOutput.install();
        CommandLine lio = commandLine();
        int status = lio.execute(FileNameEncoding.exact(args));
        System.exit(StandardOutput.exitStatus(program(lio), status));
    }

    /** Runs the tool and returns its exit code (for tests). */
    static int run(String... args) {
        return commandLine().execute(args);
    }

    private static CommandLine commandLine() {
        CommandLine lio = new CommandLine(new Lio()).setParameterExceptionHandler(new UsageErrors());
        String[] version = lio.getCommandSpec().version();
        lio.getSubcommands().values().forEach(command -> command.getCommandSpec().version(version)); // lio cat -V
        return lio;
    }

    /** {@code lio cat} for {@code lio cat ...}: the command that ran, as its messages name it. */
    private static String program(CommandLine lio) {
        CommandLine.ParseResult parsed = lio.getParseResult();
        while (parsed != null && parsed.subcommand() != null) {
            parsed = parsed.subcommand();
        }
        return parsed == null ? "lio" : parsed.commandSpec().qualifiedName();
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
