package io.liouring.cli;

import io.liouring.UringException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code lio hash FILE…}: SHA-256 of files read through io_uring ({@link FileReader}: two 1 MiB reads in flight
 * while the previous chunk is hashed), printed exactly as {@code sha256sum(1)}
 * prints it ({@code <hex>  <name>}; names with a backslash, newline or carriage return escaped and the line
 * marked with a leading backslash), with its messages and exit code for files that cannot be read. Takes
 * sha256sum's options: {@code --tag} (BSD form), {@code -z} (NUL-terminated lines), {@code -b}/{@code -t}, and
 * {@code -c}/{@code --check} with {@code --quiet}, {@code --status}, {@code -w}, {@code --strict} and
 * {@code --ignore-missing} ({@link ChecksumCheck}).
 */
@Command(name = "hash",
        description = {"Print SHA-256 checksums of FILEs read through io_uring, as sha256sum does.",
                "With no FILE, or when FILE is -, read standard input."})
final class HashCommand implements Callable<Integer> {
    @Mixin
    GnuHelpOptions helpOptions = new GnuHelpOptions();

    private static final String PROGRAM = "lio hash";

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to hash; - is standard input.")
    List<String> files = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--check"}, description = "Read checksums from the FILEs and check them.")
    boolean check;

    @Option(names = "--tag", description = "Create a BSD-style checksum.")
    boolean tag;

    @Option(names = {"-z", "--zero"}, description = "End each output line with NUL, not newline, and do not escape names.")
    boolean zero;

    @Option(names = "--ignore-missing", description = "With --check: don't fail or report status for missing files.")
    boolean ignoreMissing;

    @Option(names = "--strict", description = "With --check: exit non-zero for improperly formatted checksum lines.")
    boolean strict;

    /** {@code -b} (true), {@code -t} (false), or neither. */
    private Boolean binary;
    private ChecksumCheck.Verbosity verbosity = ChecksumCheck.Verbosity.NORMAL;
    /** The verbosity options given (each is an error without --check), in GNU's order of complaint. */
    private final Set<String> verbosityOptions = new LinkedHashSet<>();

    @Option(names = {"-b", "--binary"}, description = "Read in binary mode (marks the name with *).")
    void binary(boolean on) {
        binary = true;
    }

    @Option(names = {"-t", "--text"}, description = "Read in text mode (default).")
    void text(boolean on) {
        binary = false;
    }

    @Option(names = "--quiet", description = "With --check: don't print OK for each successfully verified file.")
    void quiet(boolean on) {
        verbosity(ChecksumCheck.Verbosity.QUIET, "quiet");
    }

    @Option(names = "--status", description = "With --check: don't output anything, the exit status shows success.")
    void status(boolean on) {
        verbosity(ChecksumCheck.Verbosity.STATUS, "status");
    }

    @Option(names = {"-w", "--warn"}, description = "With --check: warn about improperly formatted checksum lines.")
    void warn(boolean on) {
        verbosity(ChecksumCheck.Verbosity.WARN, "warn");
    }

    private void verbosity(ChecksumCheck.Verbosity chosen, String option) {
        verbosity = chosen;
        verbosityOptions.add(option);
    }

    @Override
    public Integer call() {
        refuseOptionsThatDoNotGoTogether();
        List<String> names = files.isEmpty() ? List.of(Inputs.STDIN_NAME) : files;
        Sha256 sha256 = new Sha256();
        PrintStream out = System.out;
        try (FileLoop files = new FileLoop(); FileReader reader = new FileReader(files)) {
            if (check) {
                ChecksumCheck checker = new ChecksumCheck(files, reader, sha256, verbosity, strict, ignoreMissing);
                boolean ok = true;
                for (String list : names) {
                    ok &= checker.check(list);
                }
                return ok ? 0 : 1;
            }
            boolean ok = Inputs.each(files, names, PROGRAM, (name, file, fd, seekable) -> {
                sha256.reset();
                reader.read(fd, seekable, (bytes, n) -> sha256.update(bytes, 0, n));
                out.writeBytes(FileNames.encode(line(HexFormat.of().formatHex(sha256.digest()), name), out.charset()));
            });
            out.flush();
            if (Inputs.readClosedStandardInput(names)) {
                Messages.error(PROGRAM, "standard input: " + Messages.strerror(ClosedStreams.EBADF));
            }
            return ok ? 0 : 1;
        } catch (TransferException e) {
            throw new IllegalStateException("hashing writes nothing", e);
        } catch (UringException e) {
            Messages.ringFailure(PROGRAM, e);
            return 1;
        }
    }

    /** The usage errors of sha256sum for options that do not go together, with its wording and order. */
    private void refuseOptionsThatDoNotGoTogether() {
        String problem = null;
        if (tag && check) {
            problem = "the --tag option is meaningless when verifying checksums";
        } else if (binary != null && check) {
            problem = "the --binary and --text options are meaningless when verifying checksums";
        } else if (tag && Boolean.FALSE.equals(binary)) {
            problem = "--tag does not support --text mode";
        } else if (zero && check) {
            problem = "the --zero option is not supported when verifying checksums";
        } else if (!check) {
            for (String option : List.of("ignore-missing", "status", "warn", "quiet", "strict")) {
                boolean given = option.equals("ignore-missing") ? ignoreMissing
                        : option.equals("strict") ? strict : verbosityOptions.contains(option);
                if (given) {
                    problem = "the --" + option + " option is meaningful only when verifying checksums";
                    break;
                }
            }
        }
        if (problem != null) {
            throw UsageErrors.rejected(spec.commandLine(), problem);
        }
    }

    /** One line of sha256sum's output, with its line end. */
    String line(String hex, String name) {
        boolean escape = !zero && (name.indexOf('\\') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0);
        String shown = escape ? name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r") : name;
        String body = tag ? "SHA256 (" + shown + ") = " + hex
                : hex + (Boolean.TRUE.equals(binary) ? " *" : "  ") + shown;
        return (escape ? "\\" : "") + body + (zero ? "\0" : "\n");
    }
}
