package io.liouring.leak;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 20 000 open/close cycles through a ring, with a new {@code OpenAt} every cycle (each owns its native path in an
 * automatic arena) or one reused, leave descriptors, io_uring mappings and native memory where they were, measured
 * by {@link LeakCheck} in a child JVM with Native Memory Tracking. The 1 000 000-cycle run is
 * {@link OpenCloseLeakSoak}.
 */
class OpenCloseLeakTest {
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = LeakWorkload.class, names = {"OPEN_CLOSE_FRESH", "OPEN_CLOSE_REUSED"})
    void twentyThousandOpenCloseCyclesLeaveNothingBehind(LeakWorkload workload) {
        LeakCheck.assertNothingLeaks(workload, 20_000, 120);
    }
}
