package io.liouring.operation;

import io.liouring.LioUring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.nio.file.Path;

/**
 * What the file-system operation tests share: a fresh ring and a confined arena per test, and a temporary directory
 * on the build's disk ({@link FsTesting.OnDisk}). Subclasses set up their files after these and close them before.
 */
abstract class OnDiskRingFixture {
    @TempDir(factory = FsTesting.OnDisk.class)
    Path dir;
    LioUring ring;
    Arena arena;

    @BeforeEach
    void openRingAndArena() {
        ring = new LioUring(8);
        arena = Arena.ofConfined();
    }

    @AfterEach
    void closeRingAndArena() {
        ring.close(); // cancels anything still in flight before the arena's memory goes
        arena.close();
    }
}
