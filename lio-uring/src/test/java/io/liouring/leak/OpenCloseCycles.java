package io.liouring.leak;

import io.liouring.Completion;
import io.liouring.LioUring;
import io.liouring.OpenFlags;
import io.liouring.operation.Close;
import io.liouring.operation.OpenAt;

import java.nio.file.Path;

/**
 * Opens a file and closes the new descriptor through a ring, again and again: with a new {@link OpenAt} every time
 * (each owns its native path in an automatic arena, freed by the garbage collector) or with one reused (the hot
 * path, which allocates no native memory).
 */
final class OpenCloseCycles {
    private static final Path FILE = Path.of("/proc/self/status");

    private OpenCloseCycles() {
    }

    static void run(LioUring ring, int cycles, boolean freshOperations) {
        OpenAt reused = new OpenAt(FILE, OpenFlags.O_RDONLY, 0);
        for (int i = 0; i < cycles; i++) {
            ring.push(freshOperations ? new OpenAt(FILE, OpenFlags.O_RDONLY, 0) : reused, 2L * i);
            Completion open = ring.waitCompletion();
            if (open.result() < 0) {
                throw new AssertionError("cycle " + i + ": open failed: " + open);
            }
            ring.push(new Close(open.result()), 2L * i + 1); // Close holds no native memory
            Completion closed = ring.waitCompletion();
            if (closed.result() != 0) {
                throw new AssertionError("cycle " + i + ": close failed: " + closed);
            }
        }
    }
}
