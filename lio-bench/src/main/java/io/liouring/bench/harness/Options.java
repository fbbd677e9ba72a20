package io.liouring.bench.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A runner's command line: {@code --name value} pairs; a name may be given several times (the last one counts,
 * or {@link #all} of them). Unknown names, a name without a value and values out of range are refused with an
 * {@link IllegalArgumentException} naming the option.
 */
public final class Options {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Options() {
    }

    /** Reads {@code args}, accepting only the options in {@code names} (without their leading {@code --}). */
    public static Options parse(String[] args, String... names) {
        Set<String> known = Set.of(names);
        Options o = new Options();
        for (int i = 0; i < args.length; i += 2) {
            String arg = args[i];
            String name = arg.startsWith("--") ? arg.substring(2) : "";
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option " + arg + "; the options are --"
                        + String.join(", --", Arrays.stream(names).sorted().toList()));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            o.values.computeIfAbsent(name, k -> new ArrayList<>()).add(args[i + 1]);
        }
        return o;
    }

    public String string(String name, String fallback) {
        List<String> v = values.get(name);
        return v == null ? fallback : v.getLast();
    }

    public String required(String name) {
        String v = string(name, null);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    /** Every value given to a repeatable option, in order. */
    public List<String> all(String name) {
        return List.copyOf(values.getOrDefault(name, List.of()));
    }

    public Path path(String name, String fallback) {
        return Path.of(string(name, fallback));
    }

    public boolean bool(String name, boolean fallback) {
        String v = string(name, Boolean.toString(fallback));
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("--" + name + " takes true or false: " + v);
        }
        return Boolean.parseBoolean(v);
    }

    public long positiveLong(String name, long fallback) {
        return atLeast(name, number(name, fallback), 1);
    }

    public int positiveInt(String name, int fallback) {
        return Math.toIntExact(atLeast(name, number(name, fallback), 1));
    }

    public int nonNegativeInt(String name, int fallback) {
        return Math.toIntExact(atLeast(name, number(name, fallback), 0));
    }

    public double positiveDouble(String name, double fallback) {
        double v = decimal(name, fallback);
        if (!(v > 0)) {
            throw new IllegalArgumentException("--" + name + " must be positive: " + v);
        }
        return v;
    }

    public double nonNegativeDouble(String name, double fallback) {
        double v = decimal(name, fallback);
        if (!(v >= 0)) {
            throw new IllegalArgumentException("--" + name + " must not be negative: " + v);
        }
        return v;
    }

    /** A comma-separated list of positive numbers such as {@code 1,32,128}; empty for "none" or "". */
    public List<Integer> positiveInts(String name, String fallback) {
        String v = string(name, fallback).trim();
        if (v.isEmpty() || v.equals("none")) {
            return List.of();
        }
        List<Integer> list = new ArrayList<>();
        for (String item : v.split(",")) {
            int n = parse(name, item.trim(), Integer::parseInt);
            if (n <= 0) {
                throw new IllegalArgumentException("--" + name + " takes positive numbers: " + v);
            }
            list.add(n);
        }
        return List.copyOf(list);
    }

    private long number(String name, long fallback) {
        return parse(name, string(name, Long.toString(fallback)), Long::parseLong);
    }

    private double decimal(String name, double fallback) {
        return parse(name, string(name, Double.toString(fallback)), Double::parseDouble);
    }

    private static long atLeast(String name, long v, long min) {
        if (v < min) {
            throw new IllegalArgumentException("--" + name + (min > 0 ? " must be positive: " : " must not be negative: ") + v);
        }
        return v;
    }

    private static <T> T parse(String name, String text, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a number: " + text, e);
        }
    }
}
