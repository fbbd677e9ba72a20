package io.liouring.cli;

import io.liouring.UringException;
import io.liouring.file.AsyncFile;
import io.liouring.operation.Read;
import io.liouring.operation.Write;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code lio cat FILE…}: concatenates files to stdout through io_uring. Each file goes to stdout by the library's
 * copy engine ({@link AsyncFile#transferTo}): {@code copy_file_range(2)} when stdout is a regular file,
 * {@code sendfile(2)} into {@code /dev/null}, non-blocking {@code splice(2)} into a pipe, loop-driven
 * {@code IORING_OP_SPLICE}s for a socket, reads and writes where nothing splices (an {@code O_APPEND} file, a
 * terminal that refuses splices); always at stdout's current position, so that {@code >>} files work. With {@code -n}, {@code -b}, {@code -s},
 * {@code -E}, {@code -T}, {@code -v} (and {@code -A}, {@code -e}, {@code -t}) the bytes are formatted as cat
 * formats them ({@link CatFormat}) and written with {@code IORING_OP_WRITE}. Messages and exit code as
 * {@code cat(1)}.
 */
@Command(name = "cat",
        description = {"Concatenate FILEs to standard output, read and written through io_uring.",
                "With no FILE, or when FILE is -, read standard input."})
final class CatCommand implements Callable<Integer> {
    @Mixin
    GnuHelpOptions helpOptions = new GnuHelpOptions();

    private static final String PROGRAM = "lio cat";
    private static final int STDOUT = 1;
    /** Bytes per read when formatting, as GNU cat reads. */
    private static final int BLOCK = 128 * 1024;

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
        try (FileLoop files = new FileLoop()) {
            InputIsOutput output = InputIsOutput.ofStandardOutput(files);
            CatFormat format = format();
            boolean ok = format.isIdentity() ? copied(files, names, output) : formatted(files, names, output, format);
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

    /** Each input copied to stdout as it is, by the library's engine, at stdout's position. */
    private static boolean copied(FileLoop files, List<String> names, InputIsOutput output) throws TransferException {
        int fd = Posix.duplicate(STDOUT);
        if (fd < 0) {
            throw new TransferException(TransferException.Side.WRITE, -fd);
        }
        try (AsyncFile stdout = files.adopt(fd, null)) { // unnamed: a failure that names no file is a write failure
            return Inputs.each(files, names, PROGRAM, output::refuses, (name, file, in, seekable) -> {
                try {
                    file.transferTo(stdout, null);
                } catch (IOException e) {
                    throw TransferException.of(e, null);
                }
            });
        } catch (IOException e) {
            throw TransferException.of(e, null); // closing the duplicate of stdout failed
        }
    }

    /**
     * Each input read block by block through the ring ({@code IORING_OP_READ} at the input's current
     * position), formatted, and written to stdout ({@code IORING_OP_WRITE}); one request at a time, so that a
     * locked-memory limit that leaves room for one small ring is enough.
     */
    private static boolean formatted(FileLoop files, List<String> names, InputIsOutput output, CatFormat format)
            throws TransferException {
        ByteArrayOutputStream formatted = new ByteArrayOutputStream();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment block = KernelZeroedMemory.allocate(arena, BLOCK);
            MemorySegment[] out = {KernelZeroedMemory.allocate(arena, 2L * BLOCK)};
            boolean ok = Inputs.each(files, names, PROGRAM, output::refuses, (name, file, fd, seekable) -> {
                for (int n; (n = files.call(new Read(fd, block, -1))) != 0; ) {
                    if (n < 0) {
                        throw new TransferException(TransferException.Side.READ, -n);
                    }
                    formatted.reset();
                    format.apply(block.asSlice(0, n), formatted);
                    out[0] = writeAll(files, arena, out[0], formatted);
                }
            });
            formatted.reset();
            format.finish(formatted);
            writeAll(files, arena, out[0], formatted);
            return ok;
        }
    }

    /**
     * Writes all of {@code bytes} to stdout at its current position, through {@code buffer} (or a larger one,
     * which it returns for the next time).
     */
    private static MemorySegment writeAll(FileLoop files, Arena arena, MemorySegment buffer,
                                          ByteArrayOutputStream bytes) throws TransferException {
        MemorySegment out = bytes.size() <= buffer.byteSize() ? buffer
                : KernelZeroedMemory.allocate(arena, bytes.size());
        MemorySegment.copy(bytes.toByteArray(), 0, out, ValueLayout.JAVA_BYTE, 0, bytes.size());
        long done = 0;
        while (done < bytes.size()) {
            int r = files.call(new Write(STDOUT, out.asSlice(done, bytes.size() - done), -1)); // -1: current position
            if (r < 0) {
                throw new TransferException(TransferException.Side.WRITE, -r);
            }
            done += r;
        }
        return out;
    }
}
