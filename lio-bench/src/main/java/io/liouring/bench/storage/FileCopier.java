package io.liouring.bench.storage;

import java.io.IOException;
import java.nio.file.Path;

/** One contender of benchmark P7 ({@link CopyBench}): a way to copy a whole file to a new file. */
interface FileCopier {

    /** The name in the tables. */
    String name();

    /** How it copies, in a sentence for the report. */
    String method();

    /** Copies {@code source} to {@code target} (which does not exist yet) and says how long it took. */
    CopyTiming copy(Path source, Path target) throws IOException;

    /**
     * The system calls of one copy, counted by strace (an in-process copier: strace attached to this JVM
     * while it copies).
     */
    default SyscallCensus syscalls(Path source, Path target) throws IOException {
        return SyscallCensus.ofThisProcess(() -> copy(source, target));
    }
}
