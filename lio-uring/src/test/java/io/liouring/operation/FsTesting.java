package io.liouring.operation;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test support for the file-system operations: read what an encoded SQE points to, list a directory. */
final class FsTesting {
    private FsTesting() {
    }

    /** The NUL-terminated string at a native address, as an encoded SQE points to it. */
    static String cString(long address) {
        return MemorySegment.ofAddress(address).reinterpret(4096).getString(0, StandardCharsets.UTF_8);
    }

    /** Whether the running kernel is at least {@code major.minor} (from {@code os.version}, e.g. "6.18.44"). */
    static boolean kernelAtLeast(int major, int minor) {
        String[] parts = System.getProperty("os.version").split("[.-]");
        int runningMajor = Integer.parseInt(parts[0]);
        int runningMinor = Integer.parseInt(parts[1]);
        return runningMajor > major || (runningMajor == major && runningMinor >= minor);
    }

    /** The names in a directory, sorted. */
    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Temporary directories under {@code target/}, on the disk the build runs on (which supports what
     * a tmpfs {@code /tmp} may not: {@code user.} extended attributes, fallocate modes).
     */
    static final class OnDisk implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
            Path target = Files.createDirectories(Path.of("target", "fs-tests").toAbsolutePath());
            return Files.createTempDirectory(target, "junit");
        }
    }
}
