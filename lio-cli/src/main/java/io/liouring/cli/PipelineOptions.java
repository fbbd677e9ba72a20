package io.liouring.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.Locale;

/** The options of the commands that move data through a {@link RingPipeline}: queue depth and block size. */
final class PipelineOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private int depth = RingPipeline.DEFAULT_DEPTH;
    private int blockSize = RingPipeline.DEFAULT_BLOCK_SIZE;

    @Option(names = "--queue-depth", paramLabel = "N", defaultValue = "" + RingPipeline.DEFAULT_DEPTH,
            description = "Reads in flight at once, each into its own registered buffer (default: ${DEFAULT-VALUE}).")
    void depth(int depth) {
        if (depth < 1 || depth > RingPipeline.MAX_DEPTH) {
            throw new ParameterException(spec.commandLine(),
                    "--queue-depth must be between 1 and " + RingPipeline.MAX_DEPTH + ": " + depth);
        }
        this.depth = depth;
    }

    @Option(names = "--block-size", paramLabel = "SIZE", defaultValue = "128K",
            description = "Bytes per read, with an optional K or M suffix (default: ${DEFAULT-VALUE}).")
    void blockSize(String size) {
        long bytes = parseSize(size);
        if (bytes < 512 || bytes > 64L << 20) {
            throw new ParameterException(spec.commandLine(), "--block-size must be between 512 and 64M: " + size);
        }
        this.blockSize = (int) bytes;
    }

    private long parseSize(String size) {
        String s = size.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("K")) {
            unit = 1L << 10;
        } else if (s.endsWith("M")) {
            unit = 1L << 20;
        }
        try {
            return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--block-size is not a size (like 4096, 64K or 1M): " + size);
        }
    }

    /**
     * A pipeline with these options; the ring may fail to set up ({@link io.liouring.UringException}). Registered
     * buffers count against the locked-memory limit; when it refuses them, the pipeline reads and writes through
     * plain buffers, which is said only if {@code verbose} (the command's {@code --verbose}).
     */
    RingPipeline open(boolean verbose) {
        if ((long) depth * blockSize > RingPipeline.MAX_BUFFER_BYTES) {
            throw new ParameterException(spec.commandLine(), "--queue-depth times --block-size must be at most 1G");
        }
        RingPipeline pipeline = new RingPipeline(depth, blockSize);
        if (verbose && !pipeline.usesFixedBuffers()) {
            Messages.error(spec.qualifiedName(), "registered buffers refused (locked memory, ulimit -l);"
                    + " reading and writing through plain buffers");
        }
        return pipeline;
    }
}
