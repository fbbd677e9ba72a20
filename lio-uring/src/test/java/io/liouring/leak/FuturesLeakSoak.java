package io.liouring.leak;

import org.junit.jupiter.api.Test;

/**
 * The long form of {@link FuturesLeakTest}: 1 000 000 futures through an event loop, checked by {@link LeakCheck}
 * (a leak of 8 bytes a future would be 7.6 MB). Not part of {@code mvn test}:
 * {@code mvn -B test -pl lio-uring -Plong -Dtest=FuturesLeakSoak}.
 */
class FuturesLeakSoak {
    private static final int FUTURES = Integer.getInteger("lio.leak.cycles", 1_000_000);

    @Test
    void aMillionFuturesLeaveNothingBehind() {
        LeakCheck.assertNothingLeaks(LeakWorkload.FUTURES, FUTURES, 1800);
    }
}
