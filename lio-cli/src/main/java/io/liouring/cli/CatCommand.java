package io.liouring.cli;

import io.liouring.UringException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code lio cat FILE…}: concatenates files to stdout through io_uring. Several reads of a file are in flight
 * at once into registered buffers; the writes to fd 1 go out one after the other in file order, at the
 * current position (so pipes, terminals and {@code >>} files all work). Messages and exit code as {@code cat(1)}.
 */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = {"Concatenate FILEs to standard output, read and written through io_uring.",
                "With no FILE, or when FILE is -, read standard input."})
final class CatCommand implements Callable<Integer> {
    private static final String PROGRAM = "lio cat";
    private static final int STDOUT = 1;

    @Mixin
    PipelineOptions options;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to print; - is standard input.")
    List<String> files = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> names = files.isEmpty() ? List.of(Inputs.STDIN_NAME) : files;
        if (ClosedStreams.stdout()) { // as cat, whose fstat(1) fails before it reads anything
            Messages.error(PROGRAM, "standard output: " + Messages.strerror(ClosedStreams.EBADF));
            return 1;
        }
        try (RingPipeline pipeline = options.open()) {
            InputIsOutput output = InputIsOutput.ofStandardOutput(pipeline);
            boolean ok = Inputs.each(pipeline, names, PROGRAM, output::refuses,
                    (name, fd, seekable) -> pipeline.copy(fd, seekable, STDOUT, false, null));
            if (Inputs.readClosedStandardInput(names)) {
                Messages.error(PROGRAM, "closing standard input: " + Messages.strerror(ClosedStreams.EBADF));
            }
            return ok ? 0 : 1;
        } catch (TransferException e) {
            return StandardOutput.writeFailure(PROGRAM, e.errno()); // EPIPE (`lio cat x | head`): 141, silently
        } catch (UringException e) {
            Messages.ringFailure(PROGRAM, e);
            return 1;
        }
    }
}
