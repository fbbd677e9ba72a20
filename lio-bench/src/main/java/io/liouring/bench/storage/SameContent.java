package io.liouring.bench.storage;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Checks a P7 copy against its source: the same size, then the same bytes (both files mapped and compared). */
final class SameContent {
    private SameContent() {
    }

    /** Throws {@link IllegalStateException} naming the first difference unless {@code copy} equals {@code source}. */
    static void check(Path source, Path copy) throws IOException {
        long size = Files.size(source);
        long copySize = Files.size(copy);
        if (copySize != size) {
            throw new IllegalStateException(copy + " has " + copySize + " bytes, " + source + " has " + size);
        }
        try (Arena arena = Arena.ofConfined();
             FileChannel a = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel b = FileChannel.open(copy, StandardOpenOption.READ)) {
            MemorySegment original = a.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            MemorySegment copied = b.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            long at = original.mismatch(copied);
            if (at >= 0) {
                throw new IllegalStateException(copy + " differs from " + source + " at byte " + at);
            }
        }
    }
}
