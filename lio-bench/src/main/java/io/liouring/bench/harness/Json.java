package io.liouring.bench.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Just enough JSON for the benchmarks: a parser (objects, arrays, strings, numbers, booleans, null into maps,
 * lists, strings, doubles, booleans and null) for fio's output and the runners' child processes, and one indented
 * writer, used step by step ({@link Writer}) or on a whole tree of maps and lists ({@link #write(Object)}).
 */
public final class Json {
    private final String text;
    private int at;

    private Json(String text) {
        this.text = text;
    }

    // ---------------------------------------------------------------- parsing

    /** Parses one JSON value (trailing text after it is ignored). */
    public static Object parse(String text) {
        return new Json(text).value();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalStateException("expected a JSON object, got " + value);
    }

    @SuppressWarnings("unchecked")
    public static List<Object> array(Object value) {
        if (value instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new IllegalStateException("expected a JSON array, got " + value);
    }

    public static double number(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        throw new IllegalStateException("expected a JSON number, got " + value);
    }

    /** The number under {@code key} of a parsed or built object, NaN where it is missing, null or not a number. */
    public static double numberOrNaN(Map<String, ?> object, String key) {
        return object.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private Object value() {
        skipSpace();
        if (at >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> objectValue();
            case '[' -> arrayValue();
            case '"' -> stringValue();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> numberValue();
        };
    }

    private Map<String, Object> objectValue() {
        Map<String, Object> map = new LinkedHashMap<>();
        at++;
        skipSpace();
        if (peek() == '}') {
            at++;
            return map;
        }
        while (true) {
            skipSpace();
            String key = stringValue();
            skipSpace();
            expect(':');
            map.put(key, value());
            skipSpace();
            if (peek() == ',') {
                at++;
            } else {
                expect('}');
                return map;
            }
        }
    }

    private List<Object> arrayValue() {
        List<Object> list = new ArrayList<>();
        at++;
        skipSpace();
        if (peek() == ']') {
            at++;
            return list;
        }
        while (true) {
            list.add(value());
            skipSpace();
            if (peek() == ',') {
                at++;
            } else {
                expect(']');
                return list;
            }
        }
    }

    private String stringValue() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = text.charAt(at++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> sb.append(e); // \" \\ \/
            }
        }
    }

    private Double numberValue() {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        if (start == at) {
            throw error("unexpected character '" + text.charAt(at) + "'");
        }
        return Double.valueOf(text.substring(start, at));
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw error("expected " + word);
        }
        at += word.length();
        return value;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private IllegalStateException error(String what) {
        return new IllegalStateException("bad JSON at offset " + at + ": " + what);
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes a tree of maps (objects, keys by {@code String.valueOf}), lists, strings, numbers, booleans and nulls
     * (anything else as its {@code toString()}) as indented JSON, with a final newline.
     */
    public static String write(Object tree) {
        return new Writer().value(tree) + "\n";
    }

    /**
     * Writes JSON with two-space indentation: {@code open('{')}, {@code key("k").string("v")}, {@code close('}')}.
     * Integral numbers are written as integers, others with six significant digits, NaN and infinities as null.
     */
    public static final class Writer {
        private final StringBuilder sb = new StringBuilder();
        private boolean needComma;
        private int depth;
        private boolean afterKey;

        public Writer open(char bracket) {
            separate();
            sb.append(bracket);
            depth++;
            needComma = false;
            return this;
        }

        public Writer close(char bracket) {
            depth--;
            if (needComma) { // something was written since open: the bracket goes on its own line
                newline();
            }
            sb.append(bracket);
            needComma = true;
            return this;
        }

        public Writer key(String key) {
            separate();
            sb.append(quoted(key)).append(": ");
            afterKey = true;
            return this;
        }

        public Writer string(String value) {
            return scalar(value == null ? "null" : quoted(value));
        }

        public Writer number(double value) {
            if (!Double.isFinite(value)) {
                return scalar("null");
            }
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                return number((long) value);
            }
            return scalar(String.format(Locale.ROOT, "%.6g", value));
        }

        public Writer number(long value) {
            return scalar(Long.toString(value));
        }

        public Writer bool(boolean value) {
            return scalar(Boolean.toString(value));
        }

        public Writer numbers(List<Double> values) {
            open('[');
            values.forEach(this::number);
            return close(']');
        }

        public Writer strings(List<String> values) {
            open('[');
            values.forEach(this::string);
            return close(']');
        }

        /** Writes a whole tree, as {@link Json#write(Object)} describes. */
        public Writer value(Object tree) {
            switch (tree) {
                case null -> string(null);
                case Map<?, ?> map -> {
                    open('{');
                    map.forEach((k, v) -> key(String.valueOf(k)).value(v));
                    close('}');
                }
                case List<?> list -> {
                    open('[');
                    list.forEach(this::value);
                    close(']');
                }
                case Boolean b -> bool(b);
                case Integer i -> number(i.longValue());
                case Long l -> number(l.longValue());
                case Number n -> number(n.doubleValue());
                default -> string(tree.toString());
            }
            return this;
        }

        /** Writes one value already in JSON form. */
        private Writer scalar(String json) {
            separate();
            sb.append(json);
            needComma = true;
            return this;
        }

        private void separate() {
            if (afterKey) {
                afterKey = false;
                return;
            }
            if (needComma) {
                sb.append(',');
            }
            if (depth > 0) {
                newline();
            }
        }

        private void newline() {
            sb.append('\n').append("  ".repeat(Math.max(0, depth)));
        }

        private static String quoted(String s) {
            StringBuilder q = new StringBuilder(s.length() + 2).append('"');
            for (char ch : s.toCharArray()) {
                switch (ch) {
                    case '"' -> q.append("\\\"");
                    case '\\' -> q.append("\\\\");
                    case '\n' -> q.append("\\n");
                    case '\t' -> q.append("\\t");
                    default -> {
                        if (ch < 0x20) {
                            q.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                        } else {
                            q.append(ch);
                        }
                    }
                }
            }
            return q.append('"').toString();
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
