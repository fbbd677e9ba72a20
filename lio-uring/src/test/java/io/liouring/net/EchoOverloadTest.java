package io.liouring.net;

import io.liouring.testing.ProcessResources;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An echo server under sustained load from many connections for a bounded time: no errors, no byte lost or
 * changed, descriptors back where they were, resident memory bounded. The short version of {@link EchoSoak}.
 */
class EchoOverloadTest {
    private static final int CONNECTIONS = 64;
    private static final Duration LOAD = Duration.ofSeconds(3);
    private static final long RESIDENT_BUDGET = 256L << 20;

    @Test
    void sixtyFourConnectionsUnderSustainedLoadLoseNothingAndLeakNothing() throws Exception {
        long fdsBefore = ProcessResources.openFds();
        long residentBefore = ProcessResources.residentBytes();
        EchoLoad.Result result;
        try (EchoLoad load = EchoLoad.start(CONNECTIONS, LOAD, 0)) {
            result = load.await();
        }
        assertEquals(List.of(), result.errors(), "errors");
        assertTrue(result.bytesEchoed() > 0, "bytes echoed");
        assertEquals(fdsBefore, ProcessResources.openFds(), "descriptors after closing everything");
        long grown = ProcessResources.residentBytes() - residentBefore;
        assertTrue(grown < RESIDENT_BUDGET, "resident memory grew by " + (grown >> 10) + " KiB");
    }
}
