package io.liouring.cli;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The backslash escapes of {@code stat --printf}, as GNU stat interprets them (like {@code printf(1)}):
 * {@code \a \b \e \f \n \r \t \v \" \\}, {@code \NNN} (one to three octal digits) and {@code \xHH} (one or two
 * hex digits), each giving one byte. Any other character after a backslash is printed as it is, with a warning,
 * and so is a backslash at the end of the format.
 */
final class PrintfEscapes {
    private PrintfEscapes() {
    }

    /**
     * Decodes the escape whose backslash is just before {@code format[i]} into {@code out}.
     *
     * @return the index after the escape
     */
    static int decode(String format, int i, ByteArrayOutputStream out, List<String> warnings) {
        if (i == format.length()) {
            warnings.add("warning: backslash at end of format");
            out.write('\\');
            return i;
        }
        char c = format.charAt(i);
        if (c >= '0' && c <= '7') {
            int value = 0;
            int end = Math.min(format.length(), i + 3);
            while (i < end && format.charAt(i) >= '0' && format.charAt(i) <= '7') {
                value = value * 8 + (format.charAt(i++) - '0');
            }
            out.write(value);
            return i;
        }
        if (c == 'x' && i + 1 < format.length() && Character.digit(format.charAt(i + 1), 16) >= 0
                && format.charAt(i + 1) < 128) {
            int value = 0;
            int j = i + 1;
            int end = Math.min(format.length(), j + 2);
            while (j < end && format.charAt(j) < 128 && Character.digit(format.charAt(j), 16) >= 0) {
                value = value * 16 + Character.digit(format.charAt(j++), 16);
            }
            out.write(value);
            return j;
        }
        int simple = switch (c) {
            case 'a' -> 7;
            case 'b' -> '\b';
            case 'e' -> 27;
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 11;
            case '"' -> '"';
            case '\\' -> '\\';
            default -> -1;
        };
        if (simple >= 0) {
            out.write(simple);
            return i + 1;
        }
        warnings.add("warning: unrecognized escape '\\" + c + "'");
        out.writeBytes(String.valueOf(c).getBytes(System.out.charset()));
        return i + 1;
    }
}
