package io.liouring.net;

import io.liouring.testing.ChildJvm;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The long form of {@link EchoOverloadTest}: an echo server under sustained load from many connections (default 256,
 * {@code -Dlio.soak.connections}) for minutes (default 180 s, {@code -Dlio.soak.seconds}), in a child JVM with a
 * fixed, pre-touched 256 MiB heap and Native Memory Tracking ({@link EchoSoakChild}). No errors, every echoed byte
 * checked, descriptors back where they were, and memory flat: from the end of the warm-up to the end of the run,
 * resident memory grows by at most 64 MiB at any sample, and the FFM {@code Arena} memory NMT counts by at most
 * 1 MiB and 16 allocations — while the load moves gigabytes in millions of requests, so a leak of a few bytes per
 * message or per request would exceed it.
 * Not part of {@code mvn test}: {@code mvn -B test -pl lio-uring -Plong -Dtest=EchoSoak -Dlio.soak.seconds=120}.
 */
class EchoSoak {
    private static final int CONNECTIONS = Integer.getInteger("lio.soak.connections", 256);
    private static final long SECONDS = Long.getLong("lio.soak.seconds", 180);
    private static final long RESIDENT_BUDGET = 64L << 20;
    private static final long ARENA_BUDGET_KB = 1024;
    private static final long ALLOCATION_BUDGET = 16;

    @Test
    void theEchoServerUnderSustainedLoadLosesNothingAndKeepsItsMemoryFlat() {
        ChildJvm.Result child = ChildJvm.run(EchoSoakChild.class,
                List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-XX:NativeMemoryTracking=summary"), SECONDS + 300,
                Integer.toString(CONNECTIONS), Long.toString(SECONDS), Long.toString(System.nanoTime()));
        System.out.println("echo soak:\n" + child.output());
        assertEquals(0, child.exitCode(), child.output());
        long residentGrowth = value(child, "peak.resident") - value(child, "warm.resident");
        long arenaGrowth = value(child, "end.arenaKB") - value(child, "warm.arenaKB");
        long allocationGrowth = value(child, "end.arenaAllocations") - value(child, "warm.arenaAllocations");
        assertAll(
                () -> assertEquals(0, value(child, "errors"), "errors"),
                () -> assertTrue(value(child, "bytesEchoed") > 0, "bytes echoed"),
                () -> assertEquals(value(child, "fds.before"), value(child, "fds.after"), "descriptors"),
                () -> assertTrue(residentGrowth <= RESIDENT_BUDGET,
                        "resident memory grew by " + (residentGrowth >> 20) + " MiB after the warm-up"),
                () -> assertTrue(arenaGrowth <= ARENA_BUDGET_KB, "Arena memory grew by " + arenaGrowth + " KB"),
                () -> assertTrue(allocationGrowth <= ALLOCATION_BUDGET,
                        "Arena allocations grew by " + allocationGrowth + " after the warm-up"));
    }

    private static long value(ChildJvm.Result child, String key) {
        return Long.parseLong(child.value(key));
    }
}
