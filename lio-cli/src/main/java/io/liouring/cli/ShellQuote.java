package io.liouring.cli;

import java.util.function.IntPredicate;

/**
 * File names quoted for messages the way GNU coreutils quotes them: {@link #ifNeeded} as {@code cat} and
 * {@code sha256sum} do ({@code cat: 'a b': No such file or directory}), {@link #always} as {@code cp} and
 * {@code stat -c %N} do ({@code cp: cannot stat 'x': ...}). Names with a single quote and nothing the shell
 * expands inside double quotes use double quotes ({@code "it's"}); control characters become {@code $'\t'}, and
 * bytes that are not text in the file name encoding ({@link FileNames}) octal escapes ({@code ''$'\377''x'}).
 */
final class ShellQuote {
    /** Characters that make the shell do something: the name must be quoted. */
    private static final String SPECIAL = " !\"$&'()*;<=>?[\\]^`|";
    /** Characters that are special only at the start of a word. */
    private static final String SPECIAL_FIRST = "#~";
    /** Characters the shell still expands inside double quotes. */
    private static final String EXPANDED_IN_DOUBLE = "$`\"\\!";

    private ShellQuote() {
    }

    /** The name, quoted only if a shell would need it. */
    static String ifNeeded(String name) {
        return needsQuoting(name, c -> Character.isISOControl(c) || FileNames.isEscapedByte(c)) ? always(name) : name;
    }

    /** As {@link #ifNeeded}, without escapes: control characters and bytes go out as they are ({@code shell} style). */
    static String ifNeededRaw(String name) {
        return needsQuoting(name, c -> c == '\t' || c == '\n') ? alwaysRaw(name) : name;
    }

    /** As {@link #always}, without escapes ({@code shell-always} style). */
    static String alwaysRaw(String name) {
        return quote(name, c -> false);
    }

    /** The name, always quoted. */
    static String always(String name) {
        return quote(name, c -> Character.isISOControl(c) || FileNames.isEscapedByte((char) c));
    }

    private static boolean needsQuoting(String name, CharPredicate unprintable) {
        if (name.isEmpty() || SPECIAL_FIRST.indexOf(name.charAt(0)) >= 0) {
            return true;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (SPECIAL.indexOf(c) >= 0 || unprintable.test(c)) {
                return true;
            }
        }
        return false;
    }

    /** A test of one character. */
    @FunctionalInterface
    private interface CharPredicate {
        boolean test(char c);
    }

    private static String quote(String name, IntPredicate escaped) {
        boolean control = name.chars().anyMatch(escaped);
        if (!control && name.indexOf('\'') >= 0 && name.chars().noneMatch(c -> EXPANDED_IN_DOUBLE.indexOf(c) >= 0)) {
            return '"' + name + '"';
        }
        StringBuilder out = new StringBuilder("'");
        boolean inEscapes = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (escaped.test(c)) { // a run of escapes is one $'...' between two quoted parts: 'a'$'\t\t''b'
                out.append(inEscapes ? "" : "'$'").append(controlEscape(c));
                inEscapes = true;
                continue;
            }
            out.append(inEscapes ? "''" : "").append(c == '\'' ? "'\\''" : String.valueOf(c));
            inEscapes = false;
        }
        return out.append('\'').toString();
    }

    private static String controlEscape(char c) {
        if (FileNames.isEscapedByte(c)) {
            return String.format("\\%03o", FileNames.escapedByte(c));
        }
        return switch (c) {
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\u0007' -> "\\a";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\u000b' -> "\\v";
            default -> String.format("\\%03o", (int) c);
        };
    }
}
