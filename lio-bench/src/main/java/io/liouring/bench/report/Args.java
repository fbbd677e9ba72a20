package io.liouring.bench.report;

import java.util.function.BiConsumer;

/** The command lines of the benchmark runners: {@code --option value} pairs, handed over in order. */
public final class Args {
    private Args() {
    }

    /** Calls {@code each} with every option and its value; fails naming {@code usage} when a value is missing. */
    public static void pairs(String[] args, String usage, BiConsumer<String, String> each) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException(args[args.length - 1] + " needs a value; " + usage);
        }
        for (int i = 0; i < args.length; i += 2) {
            each.accept(args[i], args[i + 1]);
        }
    }
}
