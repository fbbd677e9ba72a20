package io.liouring.cli;

import io.liouring.operation.StatxMask;
import io.liouring.struct.StatxResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Function;

/**
 * The {@code stat -c} format language of GNU coreutils, applied to a {@link StatxResult}.
 *
 * <p>Directives: {@code %n %N %s %b %B %o %f %a %A %F %h %i %u %U %g %G %d %D %r %R %t %T %Hd %Ld %Hr %Lr
 * %x %y %z %w %X %Y %Z %W %%}, each with printf-style flags ({@code - 0 # + space}), width and precision as
 * {@code stat} takes them ({@code %-10s}, {@code %04a}, {@code %#f}, {@code %.3Y} for fractional seconds).
 * An unknown directive prints {@code ?}, as {@code stat} does. {@code %m} (mount point) and {@code %C}
 * (SELinux context) are not supported: {@link #parse} refuses them.
 *
 * <p>With {@code stat -f} the directives are those of a file system ({@link FileSystemStatus}): {@code %n %i %l
 * %t %T %s %S %b %f %a %c %d}. With {@code --printf} the format's backslash escapes are interpreted
 * ({@code \n}, {@code \t}, {@code \"}, {@code \0NNN}, {@code \xHH}, ...), as printf does. The output is
 * bytes: an escape such as {@code \377} is one byte, text is in standard output's encoding.
 */
final class StatFormat {
    /** The default output of {@code stat FILE}, as coreutils 9 prints it (device files get a "Device type"). */
    static final StatFormat DEFAULT = defaultFormat(false);
    static final StatFormat DEFAULT_DEVICE = defaultFormat(true);

    /** {@code stat -t}: the terse form, as coreutils 9.1 prints it without SELinux. */
    static final StatFormat TERSE = parse("%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n", false);
    /** {@code stat -f}: the default output for a file system. */
    static final StatFormat FILE_SYSTEM = parse("  File: \"%n\"\n    ID: %-8i Namelen: %-7l Type: %T\n"
            + "Block size: %-10s Fundamental block size: %S\n"
            + "Blocks: Total: %-10b Free: %-10f Available: %a\n"
            + "Inodes: Total: %-10c Free: %d\n", Syntax.FILE_SYSTEM);
    /** {@code stat -f -t}: the terse form for a file system. */
    static final StatFormat FILE_SYSTEM_TERSE = parse("%n %i %l %t %s %S %b %f %a %c %d\n", Syntax.FILE_SYSTEM);

    /** What the format is read as: directives for files or for file systems; with printf's escapes or without. */
    enum Syntax {
        FILE(false, false), FILE_PRINTF(false, true), FILE_SYSTEM(true, false), FILE_SYSTEM_PRINTF(true, true);

        final boolean fileSystem;
        final boolean escapes;

        Syntax(boolean fileSystem, boolean escapes) {
            this.fileSystem = fileSystem;
            this.escapes = escapes;
        }

        static Syntax of(boolean fileSystem, boolean escapes) {
            return fileSystem ? (escapes ? FILE_SYSTEM_PRINTF : FILE_SYSTEM) : (escapes ? FILE_PRINTF : FILE);
        }
    }

    /** What a directive is applied to: the name given, its status, and the target if it is a symbolic link. */
    record File(String name, StatxResult stat, String linkTarget) {
    }

    /** A piece of the format: literal bytes, or a directive (with the H or L prefix of %Hd and friends). */
    private record Directive(byte[] literal, char conversion, char prefix, String flags, int width, int precision) {
        static Directive text(byte[] literal) {
            return new Directive(literal, '\0', '\0', "", -1, -1);
        }

        boolean has(char flag) {
            return flags.indexOf(flag) >= 0;
        }
    }

    private final List<Directive> pieces;
    /** How {@code %N} quotes names; {@code null} for the default output, which shows them as they are. */
    private final QuotingStyle quoting;
    private final List<String> warnings;

    private StatFormat(List<Directive> pieces, QuotingStyle quoting, List<String> warnings) {
        this.pieces = pieces;
        this.quoting = quoting;
        this.warnings = warnings;
    }

    /** Whether the format has a {@code %N}, which quotes names as {@code QUOTING_STYLE} says. */
    boolean quotesNames() {
        return quoting != null && pieces.stream().anyMatch(d -> d.literal == null && d.conversion == 'N');
    }

    /** This format with {@code %N} quoting in {@code style}. */
    StatFormat quoting(QuotingStyle style) {
        return new StatFormat(pieces, style, warnings);
    }

    /** What is wrong but tolerated in the format (an unknown escape), to be said on stderr as each file is shown. */
    List<String> warnings() {
        return warnings;
    }

    private static StatFormat defaultFormat(boolean device) {
        return parse("  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n"
                + (device ? "Device: %Hd,%Ld\tInode: %-10i  Links: %-5h Device type: %Hr,%Lr\n"
                          : "Device: %Hd,%Ld\tInode: %-10i  Links: %h\n")
                + "Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n"
                + "Access: %x\nModify: %y\nChange: %z\n Birth: %w\n", false);
    }

    /**
     * Parses a format.
     *
     * @param quoteNames whether {@code %N} quotes names as {@code stat -c} does ({@code 'f'}); the default
     *                   output shows them as they are
     * @throws IllegalArgumentException for {@code %m} and {@code %C}, which this tool cannot print
     */
    static StatFormat parse(String format, boolean quoteNames) {
        return parse(format, quoteNames, Syntax.FILE);
    }

    /** A format for {@code --format} or {@code --printf}, for files or file systems, with {@code %N} quoting. */
    static StatFormat parse(String format, Syntax syntax) {
        return parse(format, !syntax.fileSystem, syntax);
    }

    private static StatFormat parse(String format, boolean quoteNames, Syntax syntax) {
        List<Directive> pieces = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        ByteArrayOutputStream literal = new ByteArrayOutputStream();
        Charset charset = System.out.charset();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i++);
            if (c == '\\' && syntax.escapes) {
                i = PrintfEscapes.decode(format, i, literal, warnings);
                continue;
            }
            if (c != '%' || i == format.length()) {
                literal.writeBytes(String.valueOf(c).getBytes(charset));
                continue;
            }
            int start = i;
            while (i < format.length() && "-+ #0'I".indexOf(format.charAt(i)) >= 0) {
                i++;
            }
            String flags = format.substring(start, i);
            int width = -1;
            int digits = i;
            while (i < format.length() && Character.isDigit(format.charAt(i))) {
                i++;
            }
            if (i > digits) {
                width = Integer.parseInt(format.substring(digits, i));
            }
            int precision = -1;
            if (i < format.length() && format.charAt(i) == '.') {
                int p = ++i;
                while (i < format.length() && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                precision = i > p ? Integer.parseInt(format.substring(p, i)) : Integer.MAX_VALUE;
            }
            if (i == format.length()) {
                literal.writeBytes(format.substring(start - 1, i).getBytes(charset));
                break;
            }
            char conversion = format.charAt(i++);
            char prefix = 0;
            if (!syntax.fileSystem && (conversion == 'H' || conversion == 'L') && i < format.length()
                    && (format.charAt(i) == 'd' || format.charAt(i) == 'r')) { // %Hd and friends: for files only
                prefix = conversion;
                conversion = format.charAt(i++);
            } else if (conversion == 'H' || conversion == 'L') {
                conversion = '?';
            }
            if (conversion == '%') {
                literal.write('%');
                continue;
            }
            if (!syntax.fileSystem && (conversion == 'm' || conversion == 'C')) {
                throw new IllegalArgumentException("%" + conversion + " ("
                        + (conversion == 'm' ? "mount point" : "SELinux context") + ") is not supported");
            }
            pieces.add(Directive.text(literal.toByteArray()));
            literal.reset();
            pieces.add(new Directive(null, conversion, prefix, flags, width, precision));
        }
        pieces.add(Directive.text(literal.toByteArray()));
        pieces.removeIf(d -> d.literal != null && d.literal.length == 0);
        return new StatFormat(List.copyOf(pieces), quoteNames ? QuotingStyle.SHELL_ESCAPE_ALWAYS : null,
                List.copyOf(warnings));
    }

    /** The format applied to one file, as the bytes to print. */
    byte[] apply(File file) {
        return apply(d -> expand(d, file));
    }

    /** The format applied to one file system ({@code stat -f}), as the bytes to print. */
    byte[] apply(FileSystemStatus fs) {
        return apply(d -> expand(d, fs));
    }

    private byte[] apply(Function<Directive, String> expansion) {
        Charset charset = System.out.charset();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Directive d : pieces) {
            out.writeBytes(d.literal != null ? d.literal : FileNames.encode(expansion.apply(d), charset));
        }
        return out.toByteArray();
    }

    private String expand(Directive d, FileSystemStatus fs) {
        return switch (d.conversion) {
            case 'n' -> string(d, fs.name());
            case 'i' -> unsigned(d, Long.toHexString(fs.id()), "0x");
            case 'l' -> unsigned(d, Long.toUnsignedString(fs.nameMax()), "");
            case 't' -> unsigned(d, Long.toHexString(fs.type()), "0x");
            case 'T' -> string(d, fs.typeName());
            case 's' -> unsigned(d, Long.toUnsignedString(fs.blockSize()), "");
            case 'S' -> unsigned(d, Long.toUnsignedString(fs.fragmentSize() != 0 ? fs.fragmentSize() : fs.blockSize()), "");
            case 'b' -> signed(d, fs.blocks());
            case 'f' -> signed(d, fs.freeBlocks());
            case 'a' -> signed(d, fs.availableBlocks());
            case 'c' -> unsigned(d, Long.toUnsignedString(fs.files()), "");
            case 'd' -> signed(d, fs.freeFiles());
            default -> "?";
        };
    }

    private String expand(Directive d, File f) {
        StatxResult s = f.stat();
        if (d.prefix != 0) {
            boolean rdev = d.conversion == 'r';
            int number = d.prefix == 'H' ? (rdev ? s.rdevMajor() : s.devMajor()) : (rdev ? s.rdevMinor() : s.devMinor());
            return unsigned(d, Integer.toUnsignedString(number), "");
        }
        return switch (d.conversion) {
            case 'n' -> string(d, f.name());
            case 'N' -> string(d, quotedName(f));
            case 's' -> signed(d, s.size());
            case 'b' -> unsigned(d, Long.toUnsignedString(s.blocks()), "");
            case 'B' -> unsigned(d, "512", "");
            case 'o' -> unsigned(d, Integer.toUnsignedString(s.blksize()), "");
            case 'f' -> unsigned(d, Integer.toHexString(s.mode()), "0x");
            case 'a' -> unsigned(d, Integer.toOctalString(s.permissions()), "0");
            case 'A' -> string(d, modeString(s.mode()));
            case 'F' -> string(d, typeName(s));
            case 'h' -> unsigned(d, Integer.toUnsignedString(s.nlink()), "");
            case 'i' -> unsigned(d, Long.toUnsignedString(s.ino()), "");
            case 'u' -> unsigned(d, Integer.toUnsignedString(s.uid()), "");
            case 'g' -> unsigned(d, Integer.toUnsignedString(s.gid()), "");
            case 'U' -> string(d, orUnknown(Posix.userName(s.uid())));
            case 'G' -> string(d, orUnknown(Posix.groupName(s.gid())));
            case 'd' -> unsigned(d, Long.toUnsignedString(makedev(s.devMajor(), s.devMinor())), "");
            case 'D' -> unsigned(d, Long.toHexString(makedev(s.devMajor(), s.devMinor())), "0x");
            case 'r' -> unsigned(d, Long.toUnsignedString(makedev(s.rdevMajor(), s.rdevMinor())), "");
            case 'R' -> unsigned(d, Long.toHexString(makedev(s.rdevMajor(), s.rdevMinor())), "0x");
            case 't' -> unsigned(d, Integer.toHexString(s.rdevMajor()), "0x");
            case 'T' -> unsigned(d, Integer.toHexString(s.rdevMinor()), "0x");
            case 'x' -> string(d, time(s.atime()));
            case 'y' -> string(d, time(s.mtime()));
            case 'z' -> string(d, time(s.ctime()));
            case 'w' -> string(d, hasBirth(s) ? time(s.btime()) : "-");
            case 'X' -> seconds(d, s.atime());
            case 'Y' -> seconds(d, s.mtime());
            case 'Z' -> seconds(d, s.ctime());
            case 'W' -> seconds(d, hasBirth(s) ? s.btime() : Instant.EPOCH);
            default -> "?";
        };
    }

    private String quotedName(File f) {
        String name = quoting != null ? quoting.quote(f.name()) : f.name();
        if (f.linkTarget() == null) {
            return name;
        }
        return name + " -> " + (quoting != null ? quoting.quote(f.linkTarget()) : f.linkTarget());
    }

    private static boolean hasBirth(StatxResult s) {
        return (s.mask() & StatxMask.BTIME) != 0;
    }

    private static String orUnknown(String name) {
        return name == null ? "UNKNOWN" : name;
    }

    /** glibc's {@code makedev}: the 64-bit {@code dev_t} of a major and minor number. */
    static long makedev(int major, int minor) {
        long ma = Integer.toUnsignedLong(major);
        long mi = Integer.toUnsignedLong(minor);
        return (mi & 0xff) | ((ma & 0xfff) << 8) | ((mi & ~0xffL) << 12) | ((ma & ~0xfffL) << 32);
    }

    private static String time(Instant t) {
        return time(t, LocalZone.ZONE);
    }

    /**
     * {@code t} in {@code zone} as stat prints a time: {@code yyyy-MM-dd HH:mm:ss.nnnnnnnnn +hhmm}. Written out here
     * for the years 1 to 9999 rather than with a {@link DateTimeFormatter}, whose set-up (parsing the pattern,
     * building its printers: some fifty classes) cost {@code lio stat FILE} more than the rest of its formatting;
     * other years as the formatter prints them.
     */
    static String time(Instant t, ZoneId zone) {
        ZonedDateTime z = t.atZone(zone);
        if (z.getYear() < 1 || z.getYear() > 9999) {
            return Formatter.TIME.format(z);
        }
        StringBuilder b = new StringBuilder(35);
        digits(b, z.getYear(), 4).append('-');
        digits(b, z.getMonthValue(), 2).append('-');
        digits(b, z.getDayOfMonth(), 2).append(' ');
        digits(b, z.getHour(), 2).append(':');
        digits(b, z.getMinute(), 2).append(':');
        digits(b, z.getSecond(), 2).append('.');
        digits(b, z.getNano(), 9).append(' ');
        int offset = z.getOffset().getTotalSeconds();
        int hours = Math.abs(offset) / 3600;
        int minutes = Math.abs(offset) / 60 % 60;
        b.append(offset < 0 && hours + minutes > 0 ? '-' : '+'); // as the formatter: seconds dropped, -0000 is +0000
        return digits(digits(b, hours, 2), minutes, 2).toString();
    }

    /** Appends {@code value} (not negative) in at least {@code width} digits, zeros in front. */
    private static StringBuilder digits(StringBuilder b, int value, int width) {
        String text = Integer.toString(value);
        return b.repeat('0', Math.max(0, width - text.length())).append(text);
    }

    /** The formatter for the years {@link #time(Instant, ZoneId)} does not write out itself; made on first use. */
    private static final class Formatter {
        static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS Z");
    }

    /**
     * The local time zone, looked up once: {@link ZoneId#systemDefault()}, except where the C library's local time is
     * UTC for all time, which {@link #alwaysUtc} tells without the JDK's {@link TimeZone#getDefault()}: that reads
     * the JDK's whole tz database ({@code lib/tzdb.dat}), and {@link ZoneId#systemDefault()} then java.time's zone
     * rules provider, which together cost more than the rest of {@code lio stat FILE}'s formatting. Both give the same
     * times.
     */
    private static final class LocalZone {
        private static final Set<String> ALWAYS_UTC = Set.of("UTC", "Etc/UTC", "UCT", "Etc/UCT", "Universal",
                "Etc/Universal", "Zulu", "Etc/Zulu", "GMT", "Etc/GMT");
        private static final String ZONEINFO = "/usr/share/zoneinfo/";
        static final ZoneId ZONE = alwaysUtc() ? ZoneOffset.UTC : ZoneId.systemDefault();

        /**
         * Whether the local time is UTC by a name the tz database keeps at UTC for all time: {@code TZ} (with or
         * without the leading colon the C library allows) or, when {@code TZ} is not set, {@code /etc/localtime} as a
         * symbolic link to that zone's file, as on most servers. Never with {@code -Duser.timezone}, which the JDK
         * would follow and stat does not see.
         */
        private static boolean alwaysUtc() {
            if (System.getProperty("user.timezone", "").isEmpty()) {
                String tz = System.getenv("TZ");
                if (tz != null) {
                    return ALWAYS_UTC.contains(tz.startsWith(":") ? tz.substring(1) : tz);
                }
                try {
                    Path etc = Path.of("/etc");
                    String target = etc.resolve(Files.readSymbolicLink(etc.resolve("localtime"))).normalize().toString();
                    return target.startsWith(ZONEINFO) && ALWAYS_UTC.contains(target.substring(ZONEINFO.length()));
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            }
            return false;
        }
    }

    /** {@code %F}: the file type as {@code stat} names it. */
    static String typeName(StatxResult s) {
        return switch (s.type()) {
            case REGULAR -> s.size() == 0 ? "regular empty file" : "regular file";
            case DIRECTORY -> "directory";
            case SYMBOLIC_LINK -> "symbolic link";
            case FIFO -> "fifo";
            case SOCKET -> "socket";
            case CHARACTER_DEVICE -> "character special file";
            case BLOCK_DEVICE -> "block special file";
            case UNKNOWN -> "weird file";
        };
    }

    /** {@code %A}: the mode as {@code ls -l} shows it, e.g. {@code -rwsr-xr-x}. */
    static String modeString(int mode) {
        char type = switch (mode & 0170000) {
            case 0010000 -> 'p';
            case 0020000 -> 'c';
            case 0040000 -> 'd';
            case 0060000 -> 'b';
            case 0100000 -> '-';
            case 0120000 -> 'l';
            case 0140000 -> 's';
            default -> '?';
        };
        StringBuilder out = new StringBuilder().append(type);
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = mode >> shift;
            out.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-');
            boolean exec = (bits & 1) != 0;
            int special = shift == 6 ? 04000 : shift == 3 ? 02000 : 01000;
            if ((mode & special) != 0) {
                char mark = shift == 0 ? 't' : 's';
                out.append(exec ? mark : Character.toUpperCase(mark));
            } else {
                out.append(exec ? 'x' : '-');
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- printf-style padding

    private static String string(Directive d, String value) {
        String s = d.precision >= 0 && d.precision < value.length() ? value.substring(0, d.precision) : value;
        return pad(d, "", s, false);
    }

    /** An unsigned number in the radix of {@code digits}; {@code #} adds {@code alternate} (0 for octal, 0x for hex). */
    private static String unsigned(Directive d, String digits, String alternate) {
        String body = minDigits(d, digits);
        String prefix = "";
        if (d.has('#') && !alternate.isEmpty()) {
            if (alternate.equals("0") && !body.startsWith("0")) {
                prefix = "0";
            } else if (alternate.equals("0x") && !digits.equals("0")) {
                prefix = "0x";
            }
        }
        return pad(d, prefix, body, d.precision < 0);
    }

    private static String signed(Directive d, long value) {
        String body = minDigits(d, Long.toUnsignedString(value < 0 ? -value : value));
        return pad(d, sign(d, value < 0), body, d.precision < 0);
    }

    /** {@code %X}-style seconds; a precision adds that many fractional digits ({@code %.Y}: nine). */
    private static String seconds(Directive d, Instant t) {
        long sec = t.getEpochSecond();
        String body = Long.toUnsignedString(sec < 0 ? -sec : sec);
        if (d.precision > 0) {
            String nanos = String.format("%09d", t.getNano());
            int digits = d.precision == Integer.MAX_VALUE ? 9 : d.precision;
            body += "." + (nanos + "0".repeat(Math.max(0, digits - 9))).substring(0, digits);
        }
        return pad(d, sign(d, sec < 0), body, true);
    }

    private static String sign(Directive d, boolean negative) {
        return negative ? "-" : d.has('+') ? "+" : d.has(' ') ? " " : "";
    }

    private static String minDigits(Directive d, String digits) {
        if (d.precision < 0 || d.precision == Integer.MAX_VALUE) {
            return digits;
        }
        if (d.precision == 0 && digits.equals("0")) {
            return "";
        }
        return digits.length() >= d.precision ? digits : "0".repeat(d.precision - digits.length()) + digits;
    }

    private static String pad(Directive d, String prefix, String body, boolean zeroPadAllowed) {
        int length = prefix.length() + body.length();
        if (d.width <= length) {
            return prefix + body;
        }
        int fill = d.width - length;
        if (d.has('-')) {
            return prefix + body + " ".repeat(fill);
        }
        if (d.has('0') && zeroPadAllowed) {
            return prefix + "0".repeat(fill) + body;
        }
        return " ".repeat(fill) + prefix + body;
    }
}
