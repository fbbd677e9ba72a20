package io.liouring.cli;

import io.liouring.LioUring;
import io.liouring.UringException;
import io.liouring.operation.Write;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code lio cat FILE…}: concatenates files to stdout through io_uring. Several reads of a file are in flight
 * at once into registered buffers; the writes to fd 1 go out one after the other in file order, at the
 * current position (so pipes, terminals and {@code >>} files all work). With {@code -n}, {@code -b}, {@code -s},
 * {@code -E}, {@code -T}, {@code -v} (and {@code -A}, {@code -e}, {@code -t}) the bytes are formatted as cat
 * formats them ({@link CatFormat}) and written with {@code IORING_OP_WRITE}. Messages and exit code as
 * {@code cat(1)}.
 */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = {"Concatenate FILEs to standard output, read and written through io_uring.",
                "With no FILE, or when FILE is -, read standard input."})
final class CatCommand implements Callable<Integer> {
    private static final String PROGRAM = "lio cat";
    private static final int STDOUT = 1;

    @Mixin
    PipelineOptions options;

    @Option(names = {"-n", "--number"}, description = "Number all output lines.")
    boolean number;

    @Option(names = {"-b", "--number-nonblank"}, description = "Number nonempty output lines, overrides -n.")
    boolean numberNonBlank;

    @Option(names = {"-s", "--squeeze-blank"}, description = "Suppress repeated empty output lines.")
    boolean squeezeBlank;

    @Option(names = {"-E", "--show-ends"}, description = "Display $ at end of each line.")
    boolean showEnds;

    @Option(names = {"-T", "--show-tabs"}, description = "Display TAB characters as ^I.")
    boolean showTabs;

    @Option(names = {"-v", "--show-nonprinting"}, description = "Use ^ and M- notation, except for LFD and TAB.")
    boolean showNonPrinting;

    @Option(names = {"-A", "--show-all"}, description = "Equivalent to -vET.")
    boolean showAll;

    @Option(names = "-e", description = "Equivalent to -vE.")
    boolean showNonPrintingAndEnds;

    @Option(names = "-t", description = "Equivalent to -vT.")
    boolean showNonPrintingAndTabs;

    @Option(names = "-u", description = "(ignored)")
    boolean unbuffered;

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
            CatFormat format = format();
            boolean ok = format.isIdentity()
                    ? Inputs.each(pipeline, names, PROGRAM, output::refuses,
                            (name, fd, seekable) -> pipeline.copy(fd, seekable, STDOUT, false, null))
                    : formatted(pipeline, names, output, format);
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

    private CatFormat format() {
        boolean v = showNonPrinting || showAll || showNonPrintingAndEnds || showNonPrintingAndTabs;
        return new CatFormat(number, numberNonBlank, squeezeBlank, showEnds || showAll || showNonPrintingAndEnds,
                showTabs || showAll || showNonPrintingAndTabs, v);
    }

    /**
     * Each input read through the pipeline, formatted, and written to stdout through a ring of its own (the
     * pipeline's ring has reads in flight while a chunk is handed over).
     */
    private static boolean formatted(RingPipeline pipeline, List<String> names, InputIsOutput output, CatFormat format)
            throws TransferException {
        ByteArrayOutputStream formatted = new ByteArrayOutputStream();
        try (Arena arena = Arena.ofConfined(); LioUring writes = new LioUring(2)) {
            MemorySegment[] buffer = {arena.allocate(RingPipeline.DEFAULT_BLOCK_SIZE)};
            TransferException[] failed = new TransferException[1];
            boolean ok = Inputs.each(pipeline, names, PROGRAM, output::refuses, (name, fd, seekable) ->
                    pipeline.read(fd, seekable, chunk -> {
                        if (failed[0] != null) {
                            return;
                        }
                        formatted.reset();
                        format.apply(chunk, formatted);
                        if (formatted.size() > buffer[0].byteSize()) {
                            buffer[0] = arena.allocate(formatted.size());
                        }
                        MemorySegment bytes = buffer[0].asSlice(0, formatted.size());
                        MemorySegment.copy(MemorySegment.ofArray(formatted.toByteArray()), 0, bytes, 0, bytes.byteSize());
                        failed[0] = writeAll(writes, bytes);
                    }, null));
            if (failed[0] != null) {
                throw failed[0];
            }
            formatted.reset();
            format.finish(formatted);
            if (formatted.size() > 0) {
                TransferException last = writeAll(writes, arena.allocateFrom(ValueLayout.JAVA_BYTE, formatted.toByteArray()));
                if (last != null) {
                    throw last;
                }
            }
            return ok;
        }
    }

    /** Writes all of {@code bytes} to stdout at its current position; the failure, or {@code null}. */
    private static TransferException writeAll(LioUring ring, MemorySegment bytes) {
        long done = 0;
        while (done < bytes.byteSize()) {
            ring.push(new Write(STDOUT, bytes.asSlice(done), -1), 0); // -1: at the current position
            int r = ring.waitCompletion().result();
            if (r < 0) {
                return new TransferException(TransferException.Side.WRITE, -r);
            }
            done += r;
        }
        return null;
    }
}
