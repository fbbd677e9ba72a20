package io.liouring.cli;

import io.liouring.LioUring;
import io.liouring.PathBytes;
import io.liouring.UringException;
import io.liouring.operation.AtFlags;
import io.liouring.operation.Statx;
import io.liouring.operation.StatxMask;
import io.liouring.struct.StatxResult;
import io.liouring.struct.StatxResult.FileType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code lio stat FILE…}: file status through io_uring {@link Statx} requests, all files of a batch in one
 * submit. Output as {@code stat(1)}: its default form, {@code -t} (terse), or {@code --format/-c} and
 * {@code --printf} with the directives of {@link StatFormat}. Like {@code stat}, reports on a symbolic link itself
 * unless {@code -L} is given. {@code -f} shows the file system instead ({@link FileSystemStatus}: {@code statfs(2)},
 * for which io_uring has no operation).
 */
@Command(name = "stat",
        description = "Display file status, read with io_uring statx requests, as stat does.")
final class StatCommand implements Callable<Integer> {
    @Mixin
    GnuHelpOptions helpOptions = new GnuHelpOptions();

    private static final String PROGRAM = "lio stat";
    private static final int BATCH = 64;
    private static final String STDIN_NAME = "-";
    private static final int STDIN = 0;

    /** The format of {@code -c} or {@code --printf}, whichever came last (as in stat), or {@code null}. */
    private String format;
    private boolean printf;

    @Option(names = {"-c", "--format"}, paramLabel = "FORMAT",
            description = "Use FORMAT instead of the default, with a newline after each file: "
                    + "%%n %%N %%s %%b %%B %%o %%f %%a %%A %%F %%h %%i %%u %%U %%g %%G %%d %%D %%r %%R %%t %%T "
                    + "%%Hd %%Ld %%Hr %%Lr %%x %%y %%z %%w %%X %%Y %%Z %%W, with flags, width and precision"
                    + " as stat takes them; with -f: %%n %%i %%l %%t %%T %%s %%S %%b %%f %%a %%c %%d.")
    void format(String format) {
        this.format = format;
        this.printf = false;
    }

    @Option(names = "--printf", paramLabel = "FORMAT",
            description = "Like --format, but interpret backslash escapes, and do not output a mandatory trailing newline.")
    void printf(String format) {
        this.format = format;
        this.printf = true;
    }

    @Option(names = {"-t", "--terse"}, description = "Print the information in terse form.")
    boolean terse;

    @Option(names = {"-f", "--file-system"}, description = "Display file system status instead of file status.")
    boolean fileSystem;

    @Option(names = {"-L", "--dereference"}, description = "Follow symbolic links.")
    boolean dereference;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to describe.")
    List<String> files = new ArrayList<>();

    @Override
    public Integer call() {
        if (files.isEmpty()) {
            Messages.error(PROGRAM, "missing operand");
            System.err.println("Try '" + PROGRAM + " --help' for more information.");
            return 1;
        }
        StatFormat custom;
        try {
            custom = format == null ? null : StatFormat.parse(format, StatFormat.Syntax.of(fileSystem, printf));
        } catch (IllegalArgumentException e) {
            Messages.error(PROGRAM, e.getMessage());
            return 1;
        }
        if (fileSystem) {
            return fileSystems(custom != null ? custom : terse ? StatFormat.FILE_SYSTEM_TERSE : StatFormat.FILE_SYSTEM);
        }
        if (custom == null && terse) {
            custom = StatFormat.TERSE;
        }
        if (custom != null && custom.quotesNames()) {
            custom = custom.quoting(QuotingStyle.fromEnvironment(System.getenv("QUOTING_STYLE"),
                    warning -> Messages.error(PROGRAM, warning)));
        }
        try (LioUring ring = new LioUring(BATCH)) {
            int status = 0;
            for (int from = 0; from < files.size(); from += BATCH) {
                status |= batch(ring, files.subList(from, Math.min(files.size(), from + BATCH)), custom);
            }
            return status;
        } catch (UringException e) {
            Messages.ringFailure(PROGRAM, e);
            return 1;
        }
    }

    /** One Statx per file, pushed together and submitted at once; printed in the order given. */
    private int batch(LioUring ring, List<String> names, StatFormat custom) {
        StatxResult[] results = new StatxResult[names.size()];
        int[] status = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            results[i] = StatxResult.allocate();
            Statx statx = statx(names.get(i), results[i]).mask(StatxMask.BASIC_STATS | StatxMask.BTIME);
            ring.push(statx, i);
        }
        ring.submitAndWait(names.size());
        ring.forEachCompletion((userData, result, flags) -> status[(int) userData] = result);
        PrintStream out = System.out;
        int exit = 0;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.equals(STDIN_NAME) && (status[i] < 0 || ClosedStreams.stdin())) {
                int errno = ClosedStreams.stdin() ? ClosedStreams.EBADF : -status[i];
                Messages.error(PROGRAM, "cannot stat standard input: " + Messages.strerror(errno));
                exit = 1;
                continue;
            }
            if (status[i] < 0) {
                Messages.error(PROGRAM, "cannot statx " + ShellQuote.always(name) + ": " + Messages.strerror(-status[i]));
                exit = 1;
                continue;
            }
            StatxResult s = results[i];
            var file = new StatFormat.File(name, s, s.type() == FileType.SYMBOLIC_LINK ? linkTarget(name) : null);
            if (custom != null) {
                custom.warnings().forEach(warning -> Messages.error(PROGRAM, warning));
                out.writeBytes(custom.apply(file));
                endLine(out, custom);
            } else {
                boolean device = s.type() == FileType.CHARACTER_DEVICE || s.type() == FileType.BLOCK_DEVICE;
                out.writeBytes((device ? StatFormat.DEFAULT_DEVICE : StatFormat.DEFAULT).apply(file));
            }
        }
        out.flush();
        return exit;
    }

    /** After the output of {@code -c FORMAT} (not {@code --printf}, nor the built-in forms): a newline. */
    private void endLine(PrintStream out, StatFormat used) {
        if (format != null && !printf && used != StatFormat.TERSE && used != StatFormat.FILE_SYSTEM_TERSE) {
            out.write('\n');
        }
    }

    /** {@code stat -f}: each file's file system, through {@code statfs(2)}. */
    private int fileSystems(StatFormat format) {
        PrintStream out = System.out;
        int exit = 0;
        for (String name : files) {
            if (name.equals(STDIN_NAME)) {
                Messages.error(PROGRAM, "using " + ShellQuote.always(name)
                        + " to denote standard input does not work in file system mode");
                exit = 1;
                continue;
            }
            FileSystemStatus.Result r = FileSystemStatus.of(name);
            if (r.status() == null) {
                Messages.error(PROGRAM, "cannot read file system information for " + ShellQuote.always(name) + ": "
                        + Messages.strerror(r.errno()));
                exit = 1;
                continue;
            }
            format.warnings().forEach(warning -> Messages.error(PROGRAM, warning));
            out.writeBytes(format.apply(r.status()));
            endLine(out, format);
        }
        out.flush();
        return exit;
    }

    /** The request for {@code name}: {@code -} is standard input, as in stat; a link itself unless {@code -L}. */
    private Statx statx(String name, StatxResult into) {
        return name.equals(STDIN_NAME)
                ? Statx.ofFd(STDIN, into).flags(AtFlags.EMPTY_PATH)
                : new Statx(FileNames.path(name), into).flags(dereference ? 0 : AtFlags.SYMLINK_NOFOLLOW);
    }

    private static String linkTarget(String name) {
        try {
            return FileNames.decode(PathBytes.of(Files.readSymbolicLink(FileNames.path(name))));
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
