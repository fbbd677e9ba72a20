package io.liouring.cli;

import io.liouring.OpenFlags;
import io.liouring.struct.StatxResult;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code lio hash --check}: reads lists of SHA-256 checksums, as {@code sha256sum} writes them
 * ({@link ChecksumLine}), hashes each listed file through the ring and reports as {@code sha256sum --check} does:
 * {@code NAME: OK}, {@code NAME: FAILED}, {@code NAME: FAILED open or read} on stdout, the reasons and the
 * summary warnings on stderr, per list.
 */
final class ChecksumCheck {
    private static final String PROGRAM = "lio hash";
    private static final int ENOENT = 2;

    /** How much is said: the last of {@code --warn}, {@code --quiet} and {@code --status} given wins, as in GNU. */
    enum Verbosity { NORMAL, WARN, QUIET, STATUS }

    private final FileLoop files;
    private final FileReader reader;
    private final Sha256 sha256;
    private final Verbosity verbosity;
    private final boolean strict;
    private final boolean ignoreMissing;
    private final PrintStream out = System.out;

    ChecksumCheck(FileLoop files, FileReader reader, Sha256 sha256, Verbosity verbosity, boolean strict,
                  boolean ignoreMissing) {
        this.files = files;
        this.reader = reader;
        this.sha256 = sha256;
        this.verbosity = verbosity;
        this.strict = strict;
        this.ignoreMissing = ignoreMissing;
    }

    /** Checks the files listed in {@code list} ({@code -} is standard input); whether all were good. */
    boolean check(String list) {
        boolean stdin = list.equals(Inputs.STDIN_NAME);
        String shown = ShellQuote.ifNeeded(stdin ? "standard input" : list);
        Optional<byte[]> content = readList(list, stdin, shown);
        if (content.isEmpty()) {
            return false;
        }
        String[] lines = FileNames.decode(content.get()).split("\n", -1);
        int count = lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        ChecksumLine parser = new ChecksumLine();
        int improper = 0;
        int unreadable = 0;
        int mismatched = 0;
        int verified = 0;
        boolean anyProper = false;
        for (int n = 0; n < count; n++) {
            String line = lines[n].endsWith("\r") ? lines[n].substring(0, lines[n].length() - 1) : lines[n];
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Optional<ChecksumLine.Entry> entry = parser.parse(line);
            if (entry.isEmpty()) {
                improper++;
                if (verbosity == Verbosity.WARN) {
                    Messages.error(PROGRAM, shown + ": " + (n + 1) + ": improperly formatted SHA256 checksum line");
                }
                continue;
            }
            anyProper = true;
            String name = entry.get().name();
            HashResult result = hash(name);
            if (result.missing() && ignoreMissing) {
                continue;
            }
            if (result.digest() == null) {
                unreadable++;
                Messages.error(PROGRAM, ShellQuote.ifNeeded(name) + ": " + result.reason());
                if (verbosity != Verbosity.STATUS) {
                    print(shownName(name) + ": FAILED open or read");
                }
                continue;
            }
            verified++;
            boolean matches = Arrays.equals(result.digest(), entry.get().digest());
            if (!matches) {
                mismatched++;
            }
            if (verbosity != Verbosity.STATUS && (!matches || verbosity != Verbosity.QUIET)) {
                print(shownName(name) + (matches ? ": OK" : ": FAILED"));
            }
        }
        out.flush();
        if (!anyProper) {
            Messages.error(PROGRAM, shown + ": no properly formatted checksum lines found");
            return false;
        }
        if (verbosity != Verbosity.STATUS) {
            warn(improper, "line is improperly formatted", "lines are improperly formatted");
            warn(unreadable, "listed file could not be read", "listed files could not be read");
            warn(mismatched, "computed checksum did NOT match", "computed checksums did NOT match");
        }
        if (ignoreMissing && verified == 0) {
            Messages.error(PROGRAM, shown + ": no file was verified");
            return false;
        }
        return unreadable == 0 && mismatched == 0 && !(strict && improper > 0);
    }

    private record HashResult(byte[] digest, String reason, boolean missing) {
    }

    private HashResult hash(String name) {
        boolean stdin = name.equals(Inputs.STDIN_NAME);
        int fd = stdin ? 0 : files.open(FileNames.path(name), OpenFlags.O_RDONLY, 0);
        if (fd < 0) {
            return new HashResult(null, Messages.strerror(-fd), fd == -ENOENT);
        }
        try {
            sha256.reset();
            reader.read(fd, !stdin && isSeekable(fd), (bytes, n) -> sha256.update(bytes, 0, n));
            return new HashResult(sha256.digest(), null, false);
        } catch (TransferException e) {
            return new HashResult(null, e.reason(), false);
        } finally {
            if (!stdin) {
                files.close(fd);
            }
        }
    }

    private boolean isSeekable(int fd) {
        StatxResult stat = StatxResult.allocate();
        return files.stat(fd, stat) == 0 && FileLoop.isSeekable(stat);
    }

    /** The list's bytes, or empty after reporting why it cannot be read. */
    private Optional<byte[]> readList(String list, boolean stdin, String shown) {
        if (stdin && ClosedStreams.stdin()) {
            Messages.error(PROGRAM, shown + ": " + Messages.strerror(ClosedStreams.EBADF));
            return Optional.empty();
        }
        int fd = stdin ? 0 : files.open(FileNames.path(list), OpenFlags.O_RDONLY, 0);
        if (fd < 0) {
            Messages.error(PROGRAM, shown + ": " + Messages.strerror(-fd));
            return Optional.empty();
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        try {
            reader.read(fd, !stdin && isSeekable(fd), (bytes, n) -> content.write(bytes, 0, n));
            return Optional.of(content.toByteArray());
        } catch (TransferException e) {
            Messages.error(PROGRAM, shown + ": read error");
            return Optional.empty();
        } finally {
            if (!stdin) {
                files.close(fd);
            }
        }
    }

    /** One line on stdout, names in it as their bytes. */
    private void print(String line) {
        out.writeBytes(FileNames.encode(line + "\n", out.charset()));
    }

    /** A name as {@code sha256sum --check} prints it: one with a newline escaped, behind a backslash. */
    private static String shownName(String name) {
        return name.indexOf('\n') < 0 ? name : "\\" + name.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static void warn(int count, String one, String many) {
        if (count > 0) {
            Messages.error(PROGRAM, "WARNING: " + count + " " + (count == 1 ? one : many));
        }
    }
}
