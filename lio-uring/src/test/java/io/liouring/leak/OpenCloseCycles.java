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
 * path, which allocates no native memory). Closing it closes the ring.
 */
final class OpenCloseCycles implements LeakWorkload.Running {
    static final int ENTRIES = 8;
    private static final Path FILE = Path.of("/proc/self/status");

    private final LioUring ring;
    private final boolean freshOperations;
    private final OpenAt reused = new OpenAt(FILE, OpenFlags.O_RDONLY, 0);

    OpenCloseCycles(LioUring ring, boolean freshOperations) {
        this.ring = ring;
        this.freshOperations = freshOperations;
    }

    @Override
    public void run(int cycles) {
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

    /** Entries pushed and not submitted, and completions not reaped. */
    @Override
    public int unfinished() {
        return ENTRIES - ring.sqSpaceLeft() + ring.cqReady();
    }

    @Override
    public void close() {
        ring.close();
    }
}
