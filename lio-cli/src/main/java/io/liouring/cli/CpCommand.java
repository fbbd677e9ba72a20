package io.liouring.cli;

import io.liouring.OpenFlags;
import io.liouring.UringException;
import io.liouring.operation.AtFlags;
import io.liouring.operation.Statx;
import io.liouring.struct.StatxResult;
import io.liouring.struct.StatxResult.FileType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code lio cp SRC DST} and {@code lio cp SRC… DIRECTORY}: copies regular files through an io_uring
 * {@link RingPipeline} (several reads in flight into registered buffers, writes at the same offsets). A
 * sparse source gives a sparse copy, like {@code cp --sparse=auto}. A progress bar appears on stderr when a
 * copy takes longer than a second and stderr is a terminal. Messages and exit codes are those of {@code cp(1)}.
 */
@Command(name = "cp", mixinStandardHelpOptions = true,
        description = {"Copy SRC to DST, or SRCs into DIRECTORY, through io_uring.",
                "Sparse files stay sparse; a progress bar shows on a terminal for copies over a second."})
final class CpCommand implements Callable<Integer> {
    private static final String PROGRAM = "lio cp";
    private static final int ENOENT = 2;
    private static final int ENOTDIR = 20;

    @Mixin
    PipelineOptions options;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "SRC DST, or SRC... DIRECTORY.")
    List<String> operands = new ArrayList<>();

    @Override
    public Integer call() {
        if (operands.size() < 2) {
            Messages.error(PROGRAM, operands.isEmpty() ? "missing file operand"
                    : "missing destination file operand after " + ShellQuote.always(operands.get(0)));
            System.err.println("Try '" + PROGRAM + " --help' for more information.");
            return 1;
        }
        String target = operands.getLast();
        List<String> sources = operands.subList(0, operands.size() - 1);
        try (RingPipeline pipeline = options.open()) {
            StatxResult targetStat = StatxResult.allocate();
            int r = pipeline.stat(FileNames.path(target), targetStat);
            boolean intoDirectory = r == 0 && targetStat.type() == FileType.DIRECTORY;
            if (sources.size() == 1 && r < 0 && r != -ENOENT) { // cp f file/: Not a directory
                return fail("cannot stat " + ShellQuote.always(target) + ": " + Messages.strerror(-r));
            }
            if (sources.size() > 1 && !intoDirectory) {
                Messages.error(PROGRAM, "target " + ShellQuote.always(target) + ": "
                        + Messages.strerror(r < 0 ? -r : ENOTDIR));
                return 1;
            }
            int status = 0;
            Map<String, StatxResult> created = new HashMap<>();
            for (String source : sources) {
                String destination = intoDirectory ? inDirectory(target, source) : target;
                StatxResult earlier = created.get(destination);
                if (earlier != null) {
                    status |= alreadyCreated(pipeline, earlier, source, destination);
                    continue;
                }
                StatxResult src = StatxResult.allocate();
                status |= copy(pipeline, source, src, destination);
                created.put(destination, src);
            }
            return status;
        } catch (UringException e) {
            Messages.ringFailure(PROGRAM, e);
            return 1;
        }
    }

    private static String inDirectory(String directory, String source) {
        Path name = Path.of(source).getFileName();
        return directory + (directory.endsWith("/") ? "" : "/") + (name == null ? source : name.toString());
    }

    /**
     * A source whose copy would land where an earlier one of this command was made: a repeated source
     * ({@code cp a a dir}) is copied once, with a warning; another file is refused, as cp does.
     */
    private static int alreadyCreated(RingPipeline pipeline, StatxResult earlier, String source, String destination) {
        StatxResult src = StatxResult.allocate();
        if (pipeline.stat(FileNames.path(source), src) == 0 && sameFile(src, earlier)) {
            Messages.error(PROGRAM, "warning: source file " + ShellQuote.always(source) + " specified more than once");
            return 0;
        }
        return fail("will not overwrite just-created " + ShellQuote.always(destination) + " with "
                + ShellQuote.always(source));
    }

    private static boolean sameFile(StatxResult a, StatxResult b) {
        return a.devMajor() == b.devMajor() && a.devMinor() == b.devMinor() && a.ino() == b.ino();
    }

    private static boolean isDanglingSymlink(RingPipeline pipeline, String path) {
        StatxResult link = StatxResult.allocate();
        return pipeline.call(new Statx(FileNames.path(path), link).flags(AtFlags.SYMLINK_NOFOLLOW)) == 0
                && link.type() == FileType.SYMBOLIC_LINK;
    }

    /** Copies {@code source}, whose status it leaves in {@code src}, to {@code destination}. */
    private int copy(RingPipeline pipeline, String source, StatxResult src, String destination) {
        StatxResult dst = StatxResult.allocate();
        int r = pipeline.stat(FileNames.path(source), src);
        if (r < 0) {
            return fail("cannot stat " + ShellQuote.always(source) + ": " + Messages.strerror(-r));
        }
        if (src.type() == FileType.DIRECTORY) {
            return fail("-r not specified; omitting directory " + ShellQuote.always(source));
        }
        boolean dstExists = pipeline.stat(FileNames.path(destination), dst) == 0;
        if (!dstExists && FileNames.hasTrailingSlash(destination)) { // a new file cannot be named as a directory
            return fail("cannot create regular file " + ShellQuote.always(destination) + ": " + Messages.strerror(ENOTDIR));
        }
        if (!dstExists && isDanglingSymlink(pipeline, destination)) {
            return fail("not writing through dangling symlink " + ShellQuote.always(destination));
        }
        if (dstExists && sameFile(dst, src)) {
            return fail(ShellQuote.always(source) + " and " + ShellQuote.always(destination) + " are the same file");
        }
        if (dstExists && dst.type() == FileType.DIRECTORY) {
            return fail("cannot overwrite directory " + ShellQuote.always(destination) + " with non-directory");
        }
        int in = pipeline.open(FileNames.path(source), OpenFlags.O_RDONLY, 0);
        if (in < 0) {
            return fail("cannot open " + ShellQuote.always(source) + " for reading: " + Messages.strerror(-in));
        }
        int out = pipeline.open(FileNames.path(destination), OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_TRUNC,
                src.permissions() & 0777);
        if (out < 0) {
            pipeline.close(in);
            return fail("cannot create regular file " + ShellQuote.always(destination) + ": " + Messages.strerror(-out));
        }
        boolean dstRegular = !dstExists || dst.type() == FileType.REGULAR;
        boolean sparse = src.type() == FileType.REGULAR && dstRegular && src.blocks() * 512 < src.size();
        ProgressBar bar = ProgressBar.onStderr(source, src.type() == FileType.REGULAR ? src.size() : 0);
        int status = 0;
        try {
            if (sparse) {
                pipeline.copySparse(in, out, src.size(), bar::update);
            } else {
                pipeline.copy(in, RingPipeline.isSeekable(src), out, !dstExists || RingPipeline.isSeekable(dst),
                        bar::update);
            }
        } catch (TransferException e) {
            bar.finish();
            String file = e.side() == TransferException.Side.READ ? source : destination;
            status = fail("error " + (e.side() == TransferException.Side.READ ? "reading " : "writing ")
                    + ShellQuote.always(file) + ": " + e.reason());
        }
        bar.finish();
        pipeline.close(in);
        int closed = pipeline.close(out);
        if (closed < 0 && status == 0) {
            status = fail("failed to close " + ShellQuote.always(destination) + ": " + Messages.strerror(-closed));
        }
        return status;
    }

    private static int fail(String message) {
        Messages.error(PROGRAM, message);
        return 1;
    }
}
