package io.liouring.cli;

import io.liouring.UringException;
import io.liouring.struct.StatxResult;
import io.liouring.struct.StatxResult.FileType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Stack;
import java.util.concurrent.Callable;

/**
 * {@code lio cp SRC DST} and {@code lio cp SRC… DIRECTORY}: copies files by the library's copy engine
 * ({@code copy_file_range(2)} between regular files, io_uring splices where it cannot; see {@link TreeCopy}), with
 * opens, status and directory work as io_uring requests, and with
 * {@code -r} whole directories ({@link TreeCopy}). {@code -p}, {@code --preserve} and {@code -a} keep modes,
 * owners, times and hard links; {@code -P}/{@code -d}/{@code -a} copy symbolic links as links; {@code -f}
 * replaces a destination that cannot be opened. A sparse source gives a sparse copy, like
 * {@code cp --sparse=auto}. A progress bar appears on stderr when a copy takes longer than a second and stderr
 * is a terminal. Messages and exit codes are those of {@code cp(1)}.
 */
@Command(name = "cp",
        description = {"Copy SRC to DST, or SRCs into DIRECTORY, through io_uring.",
                "Sparse files stay sparse; a progress bar shows on a terminal for copies over a second."})
final class CpCommand implements Callable<Integer> {
    @Mixin
    GnuHelpOptions helpOptions = new GnuHelpOptions();

    private static final String PROGRAM = "lio cp";
    private static final int ENOENT = 2;
    private static final int ENOTDIR = 20;

    /** The attributes that {@code --preserve} takes; context and xattr are accepted and not kept. */
    private static final List<String> PRESERVABLE = List.of("mode", "timestamps", "ownership", "links", "context",
            "xattr", "all");

    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "-R", "--recursive"}, description = "Copy directories recursively.")
    boolean recursive;

    @Option(names = {"-a", "--archive"}, description = "Same as -dR --preserve=all.")
    boolean archive;

    @Option(names = "-d", description = "Same as --no-dereference --preserve=links.")
    boolean noDereferenceKeepLinks;

    @Option(names = {"-P", "--no-dereference"}, description = "Never follow symbolic links in SOURCE.")
    boolean noDereference;

    @Option(names = {"-L", "--dereference"}, description = "Always follow symbolic links in SOURCE.")
    boolean dereference;

    @Option(names = {"-f", "--force"},
            description = "If an existing destination file cannot be opened, remove it and try again.")
    boolean force;

    @Option(names = {"-v", "--verbose"},
            description = "Explain what is being done.")
    boolean verbose;

    @Option(names = {"-t", "--target-directory"}, paramLabel = "DIRECTORY",
            description = "Copy all SOURCE arguments into DIRECTORY.")
    String targetDirectory;

    @Option(names = {"-T", "--no-target-directory"}, description = "Treat DEST as a normal file.")
    boolean noTargetDirectory;

    private CopyOptions.Existing existing = CopyOptions.Existing.REPLACE;

    @Option(names = {"-n", "--no-clobber"}, description = "Do not overwrite an existing file (overrides a previous -i).")
    void noClobber(boolean on) {
        existing = CopyOptions.Existing.KEEP;
    }

    @Option(names = {"-i", "--interactive"}, description = "Prompt before overwrite (overrides a previous -n).")
    void interactive(boolean on) {
        existing = CopyOptions.Existing.ASK;
    }

    @Option(names = {"-u", "--update"},
            description = "Copy only when the SOURCE file is newer than the destination file or it is missing.")
    boolean update;

    @Option(names = "-p", description = "Same as --preserve=mode,ownership,timestamps.")
    boolean preserveDefault;

    @Option(names = "--preserve", paramLabel = "ATTR_LIST", arity = "0..1", preprocessor = AttachedListOnly.class,
            description = "Preserve the attributes (default: mode,ownership,timestamps), if possible: "
                    + "mode, ownership, timestamps, links, all.")
    String preserve;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "SRC DST, or SRC... DIRECTORY.")
    List<String> operands = new ArrayList<>();

    @Override
    public Integer call() {
        if (operands.isEmpty() || (operands.size() < 2 && targetDirectory == null)) {
            Messages.error(PROGRAM, operands.isEmpty() ? "missing file operand"
                    : "missing destination file operand after " + ShellQuote.always(operands.get(0)));
            System.err.println("Try '" + PROGRAM + " --help' for more information.");
            return 1;
        }
        String target = targetDirectory != null ? targetDirectory : operands.getLast();
        List<String> sources = targetDirectory != null ? operands : operands.subList(0, operands.size() - 1);
        if (noTargetDirectory && (targetDirectory != null || operands.size() > 2)) {
            return targetDirectory != null ? fail("cannot combine --target-directory (-t) and --no-target-directory (-T)")
                    : usage("extra operand " + ShellQuote.always(operands.get(2)));
        }
        try (FileLoop files = new FileLoop()) {
            StatxResult targetStat = StatxResult.allocate();
            int r = files.stat(FileNames.path(target), targetStat);
            if (targetDirectory != null && (r < 0 || targetStat.type() != FileType.DIRECTORY)) {
                return fail("target directory " + ShellQuote.always(target) + ": " + Messages.strerror(r < 0 ? -r : ENOTDIR));
            }
            boolean intoDirectory = !noTargetDirectory && r == 0 && targetStat.type() == FileType.DIRECTORY;
            if (sources.size() == 1 && r < 0 && r != -ENOENT) { // cp f file/: Not a directory
                return fail("cannot stat " + ShellQuote.always(target) + ": " + Messages.strerror(-r));
            }
            if (sources.size() > 1 && !intoDirectory) {
                Messages.error(PROGRAM, "target " + ShellQuote.always(target) + ": "
                        + Messages.strerror(r < 0 ? -r : ENOTDIR));
                return 1;
            }
            TreeCopy copy = new TreeCopy(files, copyOptions());
            int status = 0;
            Map<String, StatxResult> created = new HashMap<>();
            for (String source : sources) {
                String destination = intoDirectory ? inDirectory(target, source) : target;
                StatxResult earlier = created.get(destination);
                if (earlier != null) {
                    status |= alreadyCreated(files, earlier, source, destination);
                    continue;
                }
                StatxResult src = StatxResult.allocate();
                status |= copy.copy(source, src, destination);
                created.put(destination, src);
            }
            return status;
        } catch (UringException e) {
            Messages.ringFailure(PROGRAM, e);
            return 1;
        }
    }

    /**
     * {@code --preserve} takes its list only attached ({@code --preserve=mode}), as getopt's optional arguments
     * are: {@code --preserve SRC DST} keeps the default attributes and copies SRC to DST.
     */
    static final class AttachedListOnly implements IParameterPreprocessor {
        @Override
        public boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec option, Map<String, Object> info) {
            if ("=".equals(info.get("separator"))) {
                return false; // --preserve=LIST: picocli takes the list
            }
            option.setValue("mode,ownership,timestamps");
            return true;
        }
    }

    /** The options as {@code cp} combines them ({@code -a} is {@code -dR --preserve=all}). */
    private CopyOptions copyOptions() {
        Set<String> kept = new HashSet<>();
        if (preserveDefault) {
            kept.addAll(List.of("mode", "ownership", "timestamps"));
        }
        if (archive) {
            kept.add("all");
        }
        if (noDereferenceKeepLinks) {
            kept.add("links");
        }
        if (preserve != null) {
            for (String attribute : preserve.split(",", -1)) {
                kept.add(preservable(attribute));
            }
        }
        boolean all = kept.contains("all");
        boolean rec = recursive || archive;
        boolean noFollow = noDereference || noDereferenceKeepLinks || archive;
        boolean follow = dereference || !(noFollow || rec);
        CopyOptions.Existing whenExisting = update && existing == CopyOptions.Existing.REPLACE
                ? CopyOptions.Existing.REPLACE_OLDER : existing;
        return new CopyOptions(rec, follow, force, whenExisting, verbose, all || kept.contains("mode"), all || kept.contains("ownership"),
                all || kept.contains("timestamps"), all || kept.contains("links"));
    }

    /**
     * The attribute that {@code attribute} names, as cp reads its list: the full name, or any prefix of one name
     * alone ({@code mo} for mode, {@code t} for timestamps); a usage error for none or several ({@code ""}).
     */
    private String preservable(String attribute) {
        if (PRESERVABLE.contains(attribute)) {
            return attribute;
        }
        List<String> named = PRESERVABLE.stream().filter(name -> name.startsWith(attribute)).toList();
        if (named.size() == 1) {
            return named.getFirst();
        }
        throw UsageErrors.rejected(spec.commandLine(), wrongPreserve(named.isEmpty() ? "invalid" : "ambiguous", attribute));
    }

    /** cp's message for a wrong ({@code invalid} or {@code ambiguous}) {@code --preserve} attribute, quoted as GNU quotes in this locale. */
    private static String wrongPreserve(String what, String attribute) {
        boolean utf8 = "UTF-8".equalsIgnoreCase(System.getProperty("native.encoding"));
        String open = utf8 ? "\u2018" : "'";
        String close = utf8 ? "\u2019" : "'";
        StringBuilder message = new StringBuilder(what + " argument " + open + attribute + close + " for " + open
                + "--preserve" + close + "\nValid arguments are:");
        PRESERVABLE.forEach(valid -> message.append("\n  - ").append(open).append(valid).append(close));
        return message.toString();
    }

    private static String inDirectory(String directory, String source) {
        String trimmed = source.replaceAll("/+$", "");
        String name = trimmed.isEmpty() ? source : trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return directory + (directory.endsWith("/") ? "" : "/") + name;
    }

    /**
     * A source whose copy would land where an earlier one of this command was made: a repeated source
     * ({@code cp a a dir}) is copied once, with a warning; another file is refused, as cp does.
     */
    private static int alreadyCreated(FileLoop files, StatxResult earlier, String source, String destination) {
        StatxResult src = StatxResult.allocate();
        if (files.stat(FileNames.path(source), src) == 0 && TreeCopy.sameFile(src, earlier)) {
            Messages.error(PROGRAM, "warning: source file " + ShellQuote.always(source) + " specified more than once");
            return 0;
        }
        return fail("will not overwrite just-created " + ShellQuote.always(destination) + " with "
                + ShellQuote.always(source));
    }

    private static int usage(String message) {
        Messages.error(PROGRAM, message);
        System.err.println("Try '" + PROGRAM + " --help' for more information.");
        return 1;
    }

    private static int fail(String message) {
        Messages.error(PROGRAM, message);
        return 1;
    }
}
