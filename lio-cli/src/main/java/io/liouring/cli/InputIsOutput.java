package io.liouring.cli;

import io.liouring.struct.StatxResult;

/**
 * {@code cat}'s refusal to read the file it writes to ({@code cat f >> f}), which would append until the disk is
 * full. As in GNU cat, an input is refused when standard output is a regular file, the input is that same file
 * (same device and inode), and the input's current offset is before its end, so that there is something left
 * to copy onto itself. Output to a pipe, a terminal or a device is never refused.
 */
final class InputIsOutput {
    private static final int STDOUT = 1;
    private static final int SEEK_CUR = 1;

    private final StatxResult output;
    private final boolean regular;

    private InputIsOutput(StatxResult output, boolean regular) {
        this.output = output;
        this.regular = regular;
    }

    /** The guard for this process's standard output, as it is now. */
    static InputIsOutput ofStandardOutput(FileLoop files) {
        StatxResult output = StatxResult.allocate();
        boolean regular = files.stat(STDOUT, output) == 0 && output.type() == StatxResult.FileType.REGULAR;
        return new InputIsOutput(output, regular);
    }

    /** Whether the open input {@code fd}, whose status is {@code input}, must not be copied to standard output. */
    boolean refuses(int fd, StatxResult input) {
        return regular
                && input.devMajor() == output.devMajor() && input.devMinor() == output.devMinor()
                && input.ino() == output.ino()
                && Posix.lseek(fd, 0, SEEK_CUR) < input.size();
    }
}
