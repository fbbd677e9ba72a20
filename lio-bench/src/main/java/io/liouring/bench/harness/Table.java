package io.liouring.bench.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A table printed as Markdown (which reads well on a terminal too): header, rows, right-aligned columns. */
public final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... header) {
        this.header = List.of(header);
    }

    public Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, header " + header.size());
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toList());
        return this;
    }

    public String markdown() {
        int[] w = new int[header.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = Math.max(3, header.get(c).length());
            for (List<String> r : rows) {
                w[c] = Math.max(w[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, w, true);
        sb.append('|');
        for (int c = 0; c < w.length; c++) {
            sb.append(c == 0 ? ":" : "-").append("-".repeat(w[c])).append(c == 0 ? "-" : ":").append('|');
        }
        sb.append('\n');
        for (List<String> r : rows) {
            line(sb, r, w, false);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w, boolean left) {
        sb.append('|');
        for (int c = 0; c < w.length; c++) {
            String s = cells.get(c);
            String pad = " ".repeat(w[c] - s.length());
            sb.append(' ').append(c == 0 || left ? s + pad : pad + s).append(" |");
        }
        sb.append('\n');
    }

    /** A number with a few significant digits, thousands grouped: 123 456, 12.3, 0.045. */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format("%,.0f", v).replace(',', ' ');
        }
        if (a >= 100) {
            return String.format("%.0f", v);
        }
        if (a >= 10) {
            return String.format("%.1f", v);
        }
        if (a >= 1) {
            return String.format("%.2f", v);
        }
        return String.format("%.3f", v);
    }

    /** The median of repeated measurements with their range: {@code 1 234 (1 200–1 300)}; n/a when there are none. */
    public static String spread(double... values) {
        if (values.length == 0) {
            return "n/a";
        }
        double min = Arrays.stream(values).min().orElseThrow();
        double max = Arrays.stream(values).max().orElseThrow();
        return num(Stats.median(values)) + " (" + num(min) + "–" + num(max) + ")";
    }

    /** A ratio such as {@code 1.23×}. */
    public static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format("%.2f×", v);
    }
}
