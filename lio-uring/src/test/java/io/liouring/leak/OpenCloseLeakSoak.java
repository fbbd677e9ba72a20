package io.liouring.leak;

import io.liouring.testing.ChildJvm;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1 000 000 open/close cycles through a ring (a new OpenAt every cycle) in a child JVM with Native Memory
 * Tracking: descriptors and io_uring mappings exactly as before, the JDK's native Arena memory back to where it was,
 * and NMT's malloc total within 8 MB (under 8 bytes a cycle: a leak of one path per cycle would be 24 MB and more).
 * Not part of {@code mvn test}: {@code mvn -B test -pl lio-uring -Plong -Dtest=OpenCloseLeakSoak}.
 */
class OpenCloseLeakSoak {
    private static final int CYCLES = Integer.getInteger("lio.leak.cycles", 1_000_000);

    @Test
    void aMillionOpenCloseCyclesLeaveNothingBehind() {
        ChildJvm.Result child = ChildJvm.run(OpenCloseLeakChild.class,
                List.of("-XX:NativeMemoryTracking=summary", "-Xmx256m"), 1800, Integer.toString(CYCLES));
        assertEquals(0, child.exitCode(), child.output());
        System.out.println("open/close leak run, " + CYCLES + " cycles:\n" + child.output());
        long mallocGrowth = Long.parseLong(child.value("after.mallocKB")) - Long.parseLong(child.value("before.mallocKB"));
        long arenaGrowth = Long.parseLong(child.value("after.nativeAllocations"))
                - Long.parseLong(child.value("before.nativeAllocations"));
        assertAll(
                () -> assertEquals(child.value("before.fds"), child.value("after.fds"), "descriptors"),
                () -> assertEquals(child.value("before.mappings"), child.value("after.mappings"), "io_uring mappings"),
                () -> assertTrue(arenaGrowth <= 16, "native Arena allocations grew by " + arenaGrowth),
                () -> assertTrue(mallocGrowth < 8 * 1024, "NMT malloc grew by " + mallocGrowth + " KB"));
    }
}
