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

    private Inputs() {
    }

    /**
     * Runs {@code body} on each input in turn.
     *
     * @return whether every input was read without error
     * @throws TransferException a write failure, which ends the whole command
     */
    static boolean each(RingPipeline pipeline, List<String> names, String program, Body body) throws TransferException {
        boolean ok = true;
        StatxResult stat = StatxResult.allocate();
        for (String name : names) {
            boolean stdin = name.equals("-");
            int fd = stdin ? 0 : pipeline.open(Path.of(name), OpenFlags.O_RDONLY, 0);
            if (fd < 0) {
                Messages.error(program, ShellQuote.ifNeeded(name) + ": " + Messages.strerror(-fd));
                ok = false;
                continue;
            }
            try {
                boolean seekable = !stdin && pipeline.stat(fd, stat) == 0 && RingPipeline.isSeekable(stat);
                body.accept(name, fd, seekable);
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
}
