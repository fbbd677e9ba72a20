package io.liouring.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/** One part of {@code lio demo}: a title and something run against the kernel, with what it shows printed. */
interface DemoSection {
    /** The heading, e.g. "The seed example: write through the ring, read it back". */
    String title();

    /**
     * Runs the section.
     *
     * @param dir a scratch directory, deleted after the demo
     * @return whether everything came out as expected (the demo exits 1 otherwise)
     */
    boolean run(PrintStream out, Path dir) throws Exception;
}
