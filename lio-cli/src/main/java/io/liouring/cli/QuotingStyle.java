package io.liouring.cli;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The quoting styles of GNU's {@code QUOTING_STYLE} environment variable, which {@code stat}'s {@code %N} honours
 * (default {@code shell-escape-always}): {@code literal}, {@code shell}, {@code shell-always}, {@code shell-escape},
 * {@code shell-escape-always}, {@code c}, {@code c-maybe}, {@code escape}, {@code locale} and {@code clocale}.
 * The locale styles quote with {@code ‘…’} under a UTF-8 locale, with {@code '…'} ({@code locale}) or
 * {@code "…"} ({@code clocale}) otherwise. Bytes that are not text ({@link FileNames}) and control characters
 * get C escapes where the style escapes, and go out as they are where it does not.
 */
enum QuotingStyle {
    LITERAL, SHELL, SHELL_ALWAYS, SHELL_ESCAPE, SHELL_ESCAPE_ALWAYS, C, C_MAYBE, ESCAPE, LOCALE, CLOCALE;

    private static final boolean UTF8 = "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"));

    /** The style's name in {@code QUOTING_STYLE}. */
    String styleName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The style that {@code QUOTING_STYLE} names (exactly, or by an unambiguous prefix, as GNU's argmatch takes
     * it); {@code shell-escape-always} when it is unset, or when it is not a style, which {@code warning} is told.
     */
    static QuotingStyle fromEnvironment(String value, Consumer<String> warning) {
        if (value == null) {
            return SHELL_ESCAPE_ALWAYS;
        }
        QuotingStyle match = null;
        int matches = 0;
        for (QuotingStyle style : values()) {
            if (style.styleName().equals(value)) {
                return style;
            }
            if (!value.isEmpty() && style.styleName().startsWith(value)) {
                match = style;
                matches++;
            }
        }
        if (matches == 1) {
            return match;
        }
        String open = UTF8 ? "\u2018" : "'";
        String close = UTF8 ? "\u2019" : "'";
        warning.accept("ignoring invalid value of environment variable QUOTING_STYLE: " + open + value + close);
        return SHELL_ESCAPE_ALWAYS;
    }

    /** {@code name} quoted in this style. */
    String quote(String name) {
        return switch (this) {
            case LITERAL -> name;
            case SHELL -> ShellQuote.ifNeededRaw(name);
            case SHELL_ALWAYS -> ShellQuote.alwaysRaw(name);
            case SHELL_ESCAPE -> ShellQuote.ifNeeded(name);
            case SHELL_ESCAPE_ALWAYS -> ShellQuote.always(name);
            case C -> '"' + escaped(name, "\"") + '"';
            case C_MAYBE -> needsCQuotes(name) ? '"' + escaped(name, "\"") + '"' : name;
            case ESCAPE -> escaped(name, "");
            case LOCALE -> UTF8 ? "\u2018" + escaped(name, "\u2019") + "\u2019" : "'" + escaped(name, "'") + "'";
            case CLOCALE -> UTF8 ? "\u2018" + escaped(name, "\u2019") + "\u2019" : '"' + escaped(name, "\"") + '"';
        };
    }

    /** Whether the C style must escape something other than a backslash (c-maybe then quotes). */
    private static boolean needsCQuotes(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' || !isPrintable(c)) {
                return true;
            }
        }
        return false;
    }

    /** C escapes: backslash, the closing quote, control characters, and bytes that are not printable text. */
    private static String escaped(String name, String closingQuote) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (!closingQuote.isEmpty() && closingQuote.indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else if (FileNames.isEscapedByte(c)) {
                out.append(octal(FileNames.escapedByte(c)));
            } else if (isPrintable(c)) {
                out.append(c);
            } else {
                out.append(switch (c) {
                    case 7 -> "\\a";
                    case '\b' -> "\\b";
                    case '\f' -> "\\f";
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    case 11 -> "\\v";
                    default -> octalBytes(c);
                });
            }
        }
        return out.toString();
    }

    /** Printable in this locale: ASCII graphic characters and space; beyond ASCII, only under UTF-8. */
    private static boolean isPrintable(char c) {
        if (c < 0x80) {
            return c >= 0x20 && c < 0x7f;
        }
        return UTF8 && !FileNames.isEscapedByte(c) && !Character.isISOControl(c);
    }

    private static String octalBytes(char c) {
        StringBuilder out = new StringBuilder();
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
            out.append(octal(b & 0xff));
        }
        return out.toString();
    }

    private static String octal(int b) {
        return String.format("\\%03o", b);
    }
}
