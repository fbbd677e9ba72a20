package io.liouring.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code lio stat}, {@code lio cat}, {@code lio hash} and {@code lio cp} given operands only ({@code lio stat FILE…},
 * {@code lio cp SRC DST}), built without picocli. Picocli reads a command's model from its annotations by reflection, which costs more start-up time
 * than such a command's whole work on a few files; a command line without options needs none of it: its parse
 * result is the operands, in order, and every option at its default. {@link Lio#main} runs these commands from here
 * and gives every other command line to picocli. {@code OperandsOnlyTest} checks that the command built here is
 * the one picocli builds from the same arguments.
 */
final class OperandsOnly {
    private static final String STDIN = "-";

    private OperandsOnly() {
    }

    /**
     * The command that {@code args} runs, with its operands set, or {@code null} if {@code args} need picocli: an
     * option, {@code --}, an {@code @file}, no command or another command.
     */
    static Callable<Integer> command(String... args) {
        if (args.length == 0) {
            return null;
        }
        List<String> operands = new ArrayList<>(args.length - 1);
        for (int i = 1; i < args.length; i++) {
            if (!isOperand(args[i])) {
                return null;
            }
            operands.add(args[i]);
        }
        switch (args[0]) {
            case "stat" -> {
                StatCommand stat = new StatCommand();
                stat.files = operands;
                return stat;
            }
            case "cat" -> {
                CatCommand cat = new CatCommand();
                cat.files = operands;
                return cat;
            }
            case "hash" -> {
                HashCommand hash = new HashCommand();
                hash.files = operands;
                return hash;
            }
            case "cp" -> {
                CpCommand cp = new CpCommand();
                cp.operands = operands;
                return cp;
            }
            default -> {
                return null;
            }
        }
    }

    /** An argument that picocli takes as an operand whatever the command: {@code -} (standard input) is one. */
    private static boolean isOperand(String arg) {
        return arg.equals(STDIN) || !(arg.startsWith("-") || arg.startsWith("@"));
    }
}
