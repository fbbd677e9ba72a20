package io.liouring.cli;

import java.util.HexFormat;
import java.util.Optional;

/**
 * One line of a SHA-256 checksum list as {@code sha256sum --check} reads it (coreutils 9.1): the GNU form
 * {@code <64 hex digits> <space or *><name>}, the BSD form {@code SHA256 (<name>) = <hex>}, and the reversed
 * BSD form {@code <hex> <name>} (only if the list's first line has it). A line that starts with a backslash
 * has its name escaped ({@code \\}, {@code \n}, {@code \r}). Leading blanks are skipped; the hex digits may be
 * in either case.
 */
final class ChecksumLine {
    private static final int HEX_DIGITS = 64;
    private static final String TAG = "SHA256";

    /** A properly formatted line: the expected digest and the file name. */
    record Entry(byte[] digest, String name) {
    }

    /** Whether the list is in the reversed BSD form: unknown until its first checksum line says so. */
    private Boolean reversed;

    /** Parses one line (without its line end); empty if it is not properly formatted. */
    Optional<Entry> parse(String line) {
        int i = 0;
        while (i < line.length() && isBlank(line.charAt(i))) {
            i++;
        }
        boolean escaped = i < line.length() && line.charAt(i) == '\\';
        if (escaped) {
            i++;
        }
        if (line.startsWith(TAG, i)) {
            int j = i + TAG.length();
            if (j < line.length() && line.charAt(j) == ' ') {
                j++;
            }
            if (j < line.length() && line.charAt(j) == '(') {
                return bsd(line.substring(j + 1), escaped);
            }
        }
        if (line.length() - i < HEX_DIGITS + 2) {
            return Optional.empty();
        }
        byte[] digest = hex(line.substring(i, i + HEX_DIGITS));
        i += HEX_DIGITS;
        if (digest == null || !isBlank(line.charAt(i))) {
            return Optional.empty();
        }
        i++;
        if (line.length() - i == 1 || (line.charAt(i) != ' ' && line.charAt(i) != '*')) {
            if (Boolean.FALSE.equals(reversed)) { // a list does not mix the forms
                return Optional.empty();
            }
            reversed = true;
        } else if (!Boolean.TRUE.equals(reversed)) {
            reversed = false;
            i++;
        }
        return name(line.substring(i), escaped).map(name -> new Entry(digest, name));
    }

    /** {@code <name>) = <hex>}, after {@code SHA256 (}: the last closing parenthesis ends the name. */
    private static Optional<Entry> bsd(String rest, boolean escaped) {
        int close = rest.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        int i = close + 1;
        while (i < rest.length() && isBlank(rest.charAt(i))) {
            i++;
        }
        if (i == rest.length() || rest.charAt(i) != '=') {
            return Optional.empty();
        }
        i++;
        while (i < rest.length() && isBlank(rest.charAt(i))) {
            i++;
        }
        byte[] digest = rest.length() - i == HEX_DIGITS ? hex(rest.substring(i)) : null;
        if (digest == null) {
            return Optional.empty();
        }
        return name(rest.substring(0, close), escaped).map(name -> new Entry(digest, name));
    }

    private static Optional<String> name(String raw, boolean escaped) {
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        if (!escaped) {
            return Optional.of(untilNul(raw));
        }
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                name.append(c);
                continue;
            }
            if (++i == raw.length()) {
                return Optional.empty();
            }
            switch (raw.charAt(i)) {
                case '\\' -> name.append('\\');
                case 'n' -> name.append('\n');
                case 'r' -> name.append('\r');
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(untilNul(name.toString()));
    }

    /** A name ends at a NUL byte, as sha256sum's C string does: the rest of its line is ignored ({@code -z} output read without {@code -z}). */
    private static String untilNul(String name) {
        int nul = name.indexOf('\0');
        return nul < 0 ? name : name.substring(0, nul);
    }

    private static byte[] hex(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return null;
            }
        }
        return HexFormat.of().parseHex(digits);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
