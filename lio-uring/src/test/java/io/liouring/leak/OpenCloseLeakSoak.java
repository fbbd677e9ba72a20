package io.liouring.leak;

import org.junit.jupiter.api.Test;

/**
 * The long form of {@link OpenCloseLeakTest}: 1 000 000 open/close cycles through a ring, a new {@code OpenAt} every
 * cycle, checked by {@link LeakCheck} (a leak of one path a cycle would be 24 MB and more). Not part of
 * {@code mvn test}: {@code mvn -B test -pl lio-uring -Plong -Dtest=OpenCloseLeakSoak}.
 */
class OpenCloseLeakSoak {
    private static final int CYCLES = Integer.getInteger("lio.leak.cycles", 1_000_000);

    @Test
    void aMillionOpenCloseCyclesLeaveNothingBehind() {
        LeakCheck.assertNothingLeaks(LeakWorkload.OPEN_CLOSE_FRESH, CYCLES, 1800);
    }
}
