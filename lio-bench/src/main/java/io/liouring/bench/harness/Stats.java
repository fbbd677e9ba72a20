package io.liouring.bench.harness;

import java.util.Arrays;
import java.util.List;

/** Summaries of repeated measurements (rounds, iterations): mean, median, relative standard deviation. NaN when empty. */
public final class Stats {
    private Stats() {
    }

    public static double mean(double... values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    public static double mean(List<Double> values) {
        return mean(unboxed(values));
    }

    public static double median(double... values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int half = v.length / 2;
        return v.length % 2 == 1 ? v[half] : (v[half - 1] + v[half]) / 2;
    }

    /** The sample standard deviation as a percentage of the mean; 0 for fewer than two values. */
    public static double relStdevPercent(double... values) {
        if (values.length < 2) {
            return 0;
        }
        double mean = mean(values);
        double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        return 100 * Math.sqrt(squares / (values.length - 1)) / mean;
    }

    public static double relStdevPercent(List<Double> values) {
        return relStdevPercent(unboxed(values));
    }

    private static double[] unboxed(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
