package io.liouring.bench.storage;

import io.liouring.bench.harness.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The page cache around P7's copies: emptying it for the cold runs ({@code /proc/sys/vm/drop_caches}, root only)
 * and how much of a file it holds ({@code fincore}, util-linux).
 */
final class PageCache {
    private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

    private PageCache() {
    }

    /** Whether this process may drop the page cache. */
    static boolean canDrop() {
        return Files.isWritable(DROP_CACHES);
    }

    /** Writes dirty pages back ({@code sync}), then drops the clean ones: every file's, not only ours. */
    static void drop() throws IOException {
        sync();
        Files.writeString(DROP_CACHES, "1");
    }

    /** Writes every dirty page back to its disk ({@code sync(1)}). */
    static void sync() {
        Commands.output("sync");
    }

    /** Bytes of {@code file} in the page cache, or -1 if {@code fincore} cannot say. */
    static long residentBytes(Path file) {
        String resident = Commands.output("fincore", "--bytes", "--noheadings", "--output", "RES", file.toString());
        return resident.matches("\\d+") ? Long.parseLong(resident) : -1;
    }
}
