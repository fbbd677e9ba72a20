package io.liouring.leak;

import org.junit.jupiter.api.Test;

/**
 * 50 000 futures through an event loop leave descriptors, io_uring mappings and native memory where they were, and
 * nothing in flight, measured by {@link LeakCheck} in a child JVM with Native Memory Tracking. The 1 000 000-future
 * run is {@link FuturesLeakSoak}.
 */
class FuturesLeakTest {
    @Test
    void fiftyThousandFuturesLeaveNothingBehind() {
        LeakCheck.assertNothingLeaks(LeakWorkload.FUTURES, 50_000, 120);
    }
}
