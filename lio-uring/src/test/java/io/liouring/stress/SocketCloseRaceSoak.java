package io.liouring.stress;

import org.junit.jupiter.api.Test;

/**
 * The long form of {@link SocketCloseRaceTest}: {@link SocketRace} over many more connection pairs (default 100 000,
 * {@code -Dlio.soak.lives}; 8 at a time, {@code -Dlio.soak.slots}; writes up to 4 MiB, {@code -Dlio.soak.maxChunk};
 * a fresh seed, {@code -Dlio.soak.seed}), in a child JVM with Native Memory Tracking, checked by {@link RaceSoak}.
 * Not part of {@code mvn test}: {@code mvn -B test -pl lio-uring -Plong -Dtest=SocketCloseRaceSoak}.
 */
class SocketCloseRaceSoak {
    @Test
    void bytesNeverCrossConnectionsAndNothingLeaksOverTensOfThousandsOfRacedCloses() {
        RaceSoak.run("SOCKET", 100_000, 4 << 20);
    }
}
