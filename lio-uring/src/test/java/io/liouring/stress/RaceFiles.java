package io.liouring.stress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** Test support: a scratch directory for a race's files, and its removal. */
final class RaceFiles {
    private static final AtomicLong RUNS = new AtomicLong();

    private RaceFiles() {
    }

    /**
     * A new directory under {@code java.io.tmpdir} (not {@code Files.createTempDirectory}: its {@code SecureRandom}
     * keeps descriptors open, which the descriptor count would see).
     */
    static Path directory(String prefix) {
        try {
            return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"),
                    prefix + "-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
