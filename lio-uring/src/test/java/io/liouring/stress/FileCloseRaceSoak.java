package io.liouring.stress;

import org.junit.jupiter.api.Test;

/**
 * The long form of {@link FileCloseRaceTest}: {@link FileRace} over many more files and pipes (default 80 000,
 * {@code -Dlio.soak.lives}; 8 at a time, {@code -Dlio.soak.slots}; blocks up to 1 MiB, {@code -Dlio.soak.maxChunk},
 * files up to four times that; a fresh seed, {@code -Dlio.soak.seed}), in a child JVM with Native Memory Tracking,
 * checked by {@link RaceSoak}. Not part of {@code mvn test}:
 * {@code mvn -B test -pl lio-uring -Plong -Dtest=FileCloseRaceSoak}.
 */
class FileCloseRaceSoak {
    @Test
    void filesHoldOnlyTheirOwnBytesAndNothingLeaksOverTensOfThousandsOfRacedCloses() {
        RaceSoak.run("FILE", 80_000, 1 << 20);
    }
}
