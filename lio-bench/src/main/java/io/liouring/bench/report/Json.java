package io.liouring.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Just enough JSON: writes maps, lists, strings, numbers and booleans; reads one flat object of numbers and strings. */
public final class Json {
    private Json() {
    }

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, "");
        return sb.append('\n').toString();
    }

    private static void write(StringBuilder sb, Object v, String indent) {
        switch (v) {
            case null -> sb.append("null");
            case Map<?, ?> map -> {
                if (map.isEmpty()) {
                    sb.append("{}");
                    return;
                }
                sb.append("{\n");
                String inner = indent + "  ";
                int i = 0;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    sb.append(inner);
                    string(sb, String.valueOf(e.getKey()));
                    sb.append(": ");
                    write(sb, e.getValue(), inner);
                    sb.append(++i < map.size() ? ",\n" : "\n");
                }
                sb.append(indent).append('}');
            }
            case List<?> list -> {
                if (list.isEmpty()) {
                    sb.append("[]");
                    return;
                }
                sb.append("[\n");
                String inner = indent + "  ";
                for (int i = 0; i < list.size(); i++) {
                    sb.append(inner);
                    write(sb, list.get(i), inner);
                    sb.append(i + 1 < list.size() ? ",\n" : "\n");
                }
                sb.append(indent).append(']');
            }
            case Double d -> sb.append(d.isNaN() || d.isInfinite() ? "null" : String.format(java.util.Locale.ROOT, "%.6g", d));
            case Float f -> write(sb, f.doubleValue(), indent);
            case Number n -> sb.append(n);
            case Boolean b -> sb.append(b);
            default -> string(sb, v.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Reads a flat object such as {@code {"a": 1.5, "b": "x"}}: numbers as Double, strings as String. */
    public static Map<String, Object> readFlat(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        String s = text.trim();
        if (!s.startsWith("{") || !s.endsWith("}")) {
            throw new IllegalArgumentException("not a JSON object: " + text);
        }
        int i = 1;
        int end = s.length() - 1;
        while (i < end) {
            int q = s.indexOf('"', i);
            if (q < 0 || q >= end) {
                break;
            }
            int q2 = s.indexOf('"', q + 1);
            String key = s.substring(q + 1, q2);
            int colon = s.indexOf(':', q2);
            int j = colon + 1;
            while (Character.isWhitespace(s.charAt(j))) {
                j++;
            }
            int stop;
            if (s.charAt(j) == '"') {
                stop = s.indexOf('"', j + 1);
                out.put(key, s.substring(j + 1, stop));
                stop++;
            } else {
                stop = j;
                while (stop < end && s.charAt(stop) != ',' && s.charAt(stop) != '}') {
                    stop++;
                }
                String num = s.substring(j, stop).trim();
                out.put(key, num.equals("null") ? Double.NaN : Double.parseDouble(num));
            }
            int comma = s.indexOf(',', stop);
            i = comma < 0 ? end : comma + 1;
        }
        return out;
    }
}
