package io.liouring.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;

/**
 * Command-line mistakes reported as GNU's getopt and coreutils report them, for every lio command:
 * {@code lio cat: invalid option -- 'x'}, {@code lio cat: unrecognized option '--bogus'},
 * {@code lio stat: option requires an argument -- 'c'}, {@code lio cat: option '--help' doesn't allow an argument},
 * then {@code Try 'lio cat --help' for more information.},
 * and exit status 1 (coreutils' status for a usage error) instead of picocli's whole usage text and status 2.
 */
final class UsageErrors implements IParameterExceptionHandler {
    /** The usage-error exit status of the coreutils that lio imitates. */
    static final int STATUS = 1;

    /**
     * Makes {@code lio} report its usage errors this way. Here, not in {@link Lio}: a class that hands a
     * {@code UsageErrors} to picocli or throws picocli's {@link ParameterException} makes the JVM load those
     * picocli classes from the jar when it verifies that class, and the JVM re-checks the verification of every
     * class in lio's AOT cache at start-up, so {@code lio stat FILE} opened the jar for three picocli classes it never
     * used. This class implements a picocli interface and so is never in the cache.
     */
    static void install(CommandLine lio) {
        lio.setParameterExceptionHandler(new UsageErrors());
    }

    /** {@return the usage error {@code message} of {@code command}, to throw} (see {@link #install} for why here) */
    static RuntimeException rejected(CommandLine command, String message) {
        return new ParameterException(command, message);
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String program = command.getCommandSpec().qualifiedName();
        PrintWriter err = command.getErr();
        err.println(program + ": " + message(e, args));
        err.println("Try '" + program + " --help' for more information.");
        err.flush();
        return STATUS;
    }

    private static String message(ParameterException e, String[] args) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            return unmatched(e.getCommandLine().getCommandSpec(), unmatched.getUnmatched().getFirst());
        }
        if (e instanceof MissingParameterException missing && missing.getMissing().size() == 1
                && missing.getMissing().getFirst() instanceof OptionSpec && args.length > 0) {
            return missingArgument(args[args.length - 1]);
        }
        if (e.getArgSpec() instanceof OptionSpec option && isFlag(option) && e.getValue() != null) {
            return "option '" + option.longestName() + "' doesn't allow an argument"; // --help=x
        }
        return e.getMessage();
    }

    private static boolean isFlag(OptionSpec option) {
        Class<?> type = option.typeInfo().getType();
        return type == boolean.class || type == Boolean.class;
    }

    /** What getopt says of an argument that no option of {@code spec} takes. */
    private static String unmatched(CommandSpec spec, String arg) {
        if (arg.startsWith("--")) {
            return "unrecognized option '" + arg + "'";
        }
        if (arg.startsWith("-") && arg.length() > 1) {
            for (int i = 1; i < arg.length(); i++) {
                OptionSpec option = spec.findOption(arg.charAt(i));
                if (option == null) {
                    return "invalid option -- '" + arg.charAt(i) + "'";
                }
                if (option.arity().max() > 0) {
                    break;
                }
            }
            return "invalid option -- '" + arg.charAt(1) + "'";
        }
        return spec.subcommands().isEmpty() ? "extra operand '" + arg + "'" : "unknown command '" + arg + "'";
    }

    /** What getopt says of an option, typed as {@code typed}, that ends the command line without its argument. */
    private static String missingArgument(String typed) {
        return typed.startsWith("--")
                ? "option '" + typed + "' requires an argument"
                : "option requires an argument -- '" + typed.charAt(typed.length() - 1) + "'";
    }
}
