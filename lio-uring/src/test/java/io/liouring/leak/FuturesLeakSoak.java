package io.liouring.leak;

import org.junit.jupiter.api.Test;

/** The long form of {@link FuturesLeakTest}: 1 000 000 futures (run with {@code -Plong}). */
class FuturesLeakSoak {
    @Test
    void aMillionFuturesLeakNothing() throws Exception {
        FuturesLeakTest.assertNoLeak(1_000_000);
    }
}
