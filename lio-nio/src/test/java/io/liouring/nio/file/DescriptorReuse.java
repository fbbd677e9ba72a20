package io.liouring.nio.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.function.BooleanSupplier;

import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * What the close races need around a channel that closes: the count of the process's open descriptors (for leaks),
 * and a thread's work that keeps taking the descriptor numbers a close gives back.
 */
final class DescriptorReuse {
    private DescriptorReuse() {
    }

    /** How many descriptors the process has open ({@code /proc/self/fd}). */
    static long openDescriptors() throws IOException {
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            return entries.count();
        }
    }

    /**
     * While {@code running}: opens the files of {@code files} other than index {@code closed} with the default
     * provider's channel (the JDK's here), four at a time, closing the oldest each time, so that numbers given back
     * are reused at once. They are opened for writing too, so that a write that reached a reused number would land in
     * the other file (and show by its tag) rather than fail with {@code EBADF}, which a channel closed meanwhile
     * rightly reports as {@code AsynchronousCloseException}. Failures go to {@code problems}.
     */
    static void reopenOthers(List<Path> files, int closed, BooleanSupplier running, Queue<String> problems) {
        ArrayDeque<FileChannel> held = new ArrayDeque<>();
        try {
            for (int i = 0; running.getAsBoolean(); i++) {
                int other = (closed + 1 + i % (files.size() - 1)) % files.size();
                held.add(FileChannel.open(files.get(other), READ, WRITE));
                if (held.size() > 4) {
                    held.poll().close();
                }
            }
        } catch (IOException e) {
            problems.add("reopening failed: " + e);
        } finally {
            for (var c : held) {
                try {
                    c.close();
                } catch (IOException e) {
                    problems.add("closing a reopened file failed: " + e);
                }
            }
        }
    }
}
