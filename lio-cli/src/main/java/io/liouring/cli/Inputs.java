package io.liouring.cli;

import io.liouring.OpenFlags;
import io.liouring.file.AsyncFile;
import io.liouring.struct.StatxResult;

import java.io.IOException;
import java.util.List;

/**
 * The input files of {@code lio cat} and {@code lio hash}, opened through the ring one after the other and taken
 * over as {@link AsyncFile}s ({@code -} is a duplicate of stdin, read as a stream from its current position). A file that cannot be opened or read
 * is reported as coreutils does ({@code cat: x: No such file or directory}) and the next one is tried.
 */
final class Inputs {
    /** What to do with one open input. */
    @FunctionalInterface
    interface Body {
        void accept(String name, AsyncFile file, int fd, boolean seekable) throws TransferException;
    }

    /** Inputs that must not be read, such as the output file itself for {@code cat}. */
    @FunctionalInterface
    interface Refusal {
        /** Whether to skip the open input {@code fd}, whose status is {@code stat}, with {@link #REASON}. */
        boolean refuses(int fd, StatxResult stat);
    }

    /** The name of standard input among the inputs. */
    static final String STDIN_NAME = "-";

    /** The message for a refused input, after its name. */
    static final String REASON = "input file is output file";

    private Inputs() {
    }

    /** As {@link #each(FileLoop, List, String, Refusal, Body)}, refusing no input. */
    static boolean each(FileLoop files, List<String> names, String program, Body body) throws TransferException {
        return each(files, names, program, (fd, stat) -> false, body);
    }

    /**
     * Runs {@code body} on each input in turn, except those that {@code refusal} refuses (reported as errors).
     *
     * @return whether every input was read without error
     * @throws TransferException a write failure, which ends the whole command
     */
    static boolean each(FileLoop files, List<String> names, String program, Refusal refusal, Body body)
            throws TransferException {
        boolean ok = true;
        StatxResult stat = StatxResult.allocate();
        for (String name : names) {
            boolean stdin = name.equals(STDIN_NAME);
            if (stdin && ClosedStreams.stdin()) {
                Messages.error(program, name + ": " + Messages.strerror(ClosedStreams.EBADF));
                ok = false;
                continue;
            }
            int fd = stdin ? Posix.duplicate(0) : files.open(FileNames.path(name), OpenFlags.O_RDONLY, 0);
            if (fd < 0) {
                Messages.error(program, ShellQuote.ifNeeded(name) + ": " + Messages.strerror(-fd));
                ok = false;
                continue;
            }
            AsyncFile file = files.adopt(fd, FileNames.path(name));
            try {
                boolean known = files.stat(fd, stat) == 0;
                if (!stdin && known && stat.type() == StatxResult.FileType.FIFO) {
                    files.awaitWriter(fd);
                }
                if (known && refusal.refuses(fd, stat)) {
                    Messages.error(program, ShellQuote.ifNeeded(name) + ": " + REASON);
                    ok = false;
                    continue;
                }
                body.accept(name, file, fd, !stdin && known && FileLoop.isSeekable(stat));
            } catch (TransferException e) {
                if (e.side() == TransferException.Side.WRITE) {
                    throw e;
                }
                Messages.error(program, ShellQuote.ifNeeded(name) + ": " + e.reason());
                ok = false;
            } finally {
                ok &= closed(file, name, program);
            }
        }
        return ok;
    }

    /** Closes an input; a failure is reported as cat reports it ({@code cat: NAME: REASON}). */
    private static boolean closed(AsyncFile file, String name, String program) {
        try {
            file.close();
            return true;
        } catch (IOException e) {
            Messages.error(program, ShellQuote.ifNeeded(name) + ": " + Messages.strerror(TransferException.errnoOf(e)));
            return false;
        }
    }

    /** Whether these inputs, of a command that reads stdin when given none, include a closed standard input. */
    static boolean readClosedStandardInput(List<String> names) {
        return ClosedStreams.stdin() && names.contains(STDIN_NAME);
    }
}
