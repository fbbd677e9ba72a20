package io.liouring.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * The {@code lio} command: io_uring made tangible, from the lio-uring library.
 *
 * <p>Its subcommands are added when it starts, not declared in the annotation: {@code lio stat FILE} builds the
 * model of {@code stat} only, because picocli's model of every command (read from their annotations by
 * reflection) costs more start-up time than the whole of {@code stat}'s work on a few files. Anything else
 * ({@code lio}, {@code lio --help}, {@code lio help cat}, a mistyped command) gets them all. And a command line
 * of operands only, such as {@code lio stat FILE}, needs no parser at all ({@link OperandsOnly}).
 */
@Command(name = "lio", mixinStandardHelpOptions = true, version = "lio 0.1.0",
        description = "io_uring from pure Java: probe the kernel, run the demo, use io_uring-powered tools.")
public final class Lio implements Runnable {
    /** The subcommands' names, in the order {@code lio --help} lists them. */
    private static final List<String> COMMANDS = List.of("probe", "demo", "cp", "cat", "stat", "hash", "echo-server",
            "echo-client", "bench", "help");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The top-level command, as picocli instantiates it (it fills in its spec). */
    public Lio() {
    }

    /**
     * Runs {@code lio} with standard output checked as coreutils check it ({@code StandardOutput}), on the arguments
     * as the bytes they are ({@code FileNameEncoding}). A command that succeeded returns from here and the JVM exits
     * with status 0 once its last non-daemon thread has ended (every lio thread that outlives a command is a
     * daemon: event loops, virtual threads); any other status goes through {@link System#exit}, which since JDK 21
     * first looks up the platform's {@link System.Logger} (to log the exit at level DEBUG): a service lookup across
     * the class path and some sixty classes initialised, a few milliseconds of a {@code lio stat FILE}.
     *
     * @param args the command line: a command, then its options and operands
     */
    public static void main(String[] args) {
        StandardOutput.install();
        int status = execute(FileNameEncoding.exact(args));
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs {@code lio args} as {@link #main} does with the exact arguments, and returns the exit status: a command
     * line of operands only without picocli ({@link OperandsOnly}), any other through picocli.
     */
    static int execute(String... args) {
        Callable<Integer> operandsOnly = OperandsOnly.command(args);
        if (operandsOnly != null) {
            return StandardOutput.exitStatus("lio " + args[0], call(operandsOnly));
        }
        CommandLine lio = commandLine(args);
        int status = lio.execute(args);
        return StandardOutput.exitStatus(program(lio), status);
    }

    /** Runs {@code command} as picocli runs one: an exception it throws is printed and gives exit status 1. */
    private static int call(Callable<Integer> command) {
        try {
            return command.call();
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }

    /** Runs the tool and returns its exit code (for tests). */
    static int run(String... args) {
        return commandLine(args).execute(args);
    }

    /** {@code lio} with the subcommand that {@code args} names, or with all of them if it names none. */
    static CommandLine commandLine(String... args) {
        CommandLine lio = new CommandLine(new Lio());
        String chosen = args.length > 0 ? args[0] : "";
        if (COMMANDS.contains(chosen) && !chosen.equals("help")) { // lio help CMD needs CMD
            lio.addSubcommand(command(chosen));
        } else {
            for (String name : COMMANDS) {
                lio.addSubcommand(command(name));
            }
        }
        UsageErrors.install(lio);
        String[] version = lio.getCommandSpec().version();
        for (CommandLine command : lio.getSubcommands().values()) {
            command.getCommandSpec().version(version); // lio cat --version
        }
        return lio;
    }

    /** A new instance of the subcommand called {@code name}, one of {@link #COMMANDS}. */
    private static Object command(String name) {
        return switch (name) {
            case "probe" -> new ProbeCommand();
            case "demo" -> new DemoCommand();
            case "cp" -> new CpCommand();
            case "cat" -> new CatCommand();
            case "stat" -> new StatCommand();
            case "hash" -> new HashCommand();
            case "echo-server" -> new EchoServerCommand();
            case "echo-client" -> new EchoClientCommand();
            case "bench" -> new BenchCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("no lio command " + name);
        };
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
