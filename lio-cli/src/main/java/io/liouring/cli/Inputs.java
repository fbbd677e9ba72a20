package io.liouring.cli;

import io.liouring.OpenFlags;
import io.liouring.struct.StatxResult;

import java.nio.file.Path;
import java.util.List;

/**
 * The input files of {@code lio cat} and {@code lio hash}, opened through the ring one after the other
 * ({@code -} is stdin, read as a stream from its current position). A file that cannot be opened or read
 * is reported as coreutils does ({@code cat: x: No such file or directory}) and the next one is tried.
 */
final class Inputs {
    /** What to do with one open input. */
    @FunctionalInterface
    interface Body {
        void accept(String name, int fd, boolean seekable) throws TransferException;
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

    /** As {@link #each(RingPipeline, List, String, Refusal, Body)}, refusing no input. */
    static boolean each(RingPipeline pipeline, List<String> names, String program, Body body) throws TransferException {
        return each(pipeline, names, program, (fd, stat) -> false, body);
    }

    /**
     * Runs {@code body} on each input in turn, except those that {@code refusal} refuses (reported as errors).
     *
     * @return whether every input was read without error
     * @throws TransferException a write failure, which ends the whole command
     */
    static boolean each(RingPipeline pipeline, List<String> names, String program, Refusal refusal, Body body)
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
            int fd = stdin ? 0 : pipeline.open(FileNames.path(name), OpenFlags.O_RDONLY, 0);
            if (fd < 0) {
                Messages.error(program, ShellQuote.ifNeeded(name) + ": " + Messages.strerror(-fd));
                ok = false;
                continue;
            }
            try {
                boolean known = pipeline.stat(fd, stat) == 0;
                if (known && refusal.refuses(fd, stat)) {
                    Messages.error(program, ShellQuote.ifNeeded(name) + ": " + REASON);
                    ok = false;
                    continue;
                }
                body.accept(name, fd, !stdin && known && RingPipeline.isSeekable(stat));
            } catch (TransferException e) {
                if (e.side() == TransferException.Side.WRITE) {
                    throw e;
                }
                Messages.error(program, ShellQuote.ifNeeded(name) + ": " + e.reason());
                ok = false;
            } finally {
                if (!stdin) {
                    pipeline.close(fd);
                }
            }
        }
        return ok;
    }

    /** Whether these inputs, of a command that reads stdin when given none, include a closed standard input. */
    static boolean readClosedStandardInput(List<String> names) {
        return ClosedStreams.stdin() && names.contains(STDIN_NAME);
    }
}
