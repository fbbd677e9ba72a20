package io.liouring.bench.harness;

import java.util.LinkedHashMap;
import java.util.Map;

/** A benchmark's goal as its report states it: the JSON entry and the verdict in words. */
public final class Goal {
    private Goal() {
    }

    /** The JSON entry of a goal {@code ratio >= target}: {@code goal}, {@code ratio}, {@code target}, {@code met}. */
    public static Map<String, Object> json(String label, double ratio, double target) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("goal", label);
        g.put("ratio", ratio);
        g.put("target", target);
        g.put("met", ratio >= target);
        return g;
    }

    /**
     * The JSON entry of a ceiling {@code value <= target} (a thread count, a time ratio): as {@link #json} with
     * {@code atMost: true}; not met when {@code value} is NaN.
     */
    public static Map<String, Object> atMost(String label, double value, double target) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("goal", label);
        g.put("ratio", value);
        g.put("target", target);
        g.put("atMost", true);
        g.put("met", value <= target);
        return g;
    }

    /** {@code met} or {@code missed}; {@code not measured} when {@code value} is NaN. */
    public static String verdict(boolean met, double value) {
        return Double.isNaN(value) ? "not measured" : met ? "met" : "missed";
    }
}
