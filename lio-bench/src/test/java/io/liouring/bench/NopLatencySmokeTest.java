package io.liouring.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Keeps the NOP latency histogram (part p1-latency) working: the Java side records one sample per round trip on
 * both ring setups, and a tiny run against nop_bench.c's latency mode (built here with gcc and liburing, skipped
 * where they are missing) writes both sides' percentiles and the ratios. No timing is asserted.
 */
class NopLatencySmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"default", "defer_taskrun"})
    void javaSideRecordsOneSamplePerRoundTrip(String setup) {
        assertEquals(2_500, NopLatency.measure(setup, 100, 2_500).getTotalCount());
    }

    @Test
    void unknownSetupIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NopLatency.measure("sqpoll", 0, 1));
        assertTrue(e.getMessage().contains("sqpoll"), e.getMessage());
    }

    @Test
    void aTinyRunAgainstTheCSideWritesBothSidesPooledOverRounds() throws IOException, InterruptedException {
        Path dir = Path.of("target", "smoke-p1-latency");
        Files.createDirectories(dir);
        Path binary = dir.resolve("nop_bench");
        int built;
        try {
            built = new ProcessBuilder("gcc", "-O2", "-o", binary.toString(), "src/main/c/nop_bench.c", "-luring")
                    .inheritIO().start().waitFor();
        } catch (IOException e) {
            built = -1;
        }
        assumeTrue(built == 0, "gcc and liburing-dev are needed to build nop_bench.c");

        NopLatencyRunner.main(new String[] {"--c-binary", binary.toString(), "--out", dir.toString(), "--rounds", "2",
                "--ops", "3000", "--warmup-ops", "100"});

        String json = Files.readString(dir.resolve("p1-latency.json"));
        // 2 setups x 2 sides, each pooled over 2 rounds of 3000
        assertEquals(4, count(json, "\"round_trips\": 6000"), json);
        assertEquals(2, count(json, "\"side\": \"liburing \\(C\\)\",\n\\s+\"round_trips\""), json);
        for (String key : new String[] {"p90_ns", "p999_ns", "p9999_ns"}) {
            assertEquals(4, count(json, "\"" + key + "\": [1-9]"), key + " in " + json);
        }
        assertEquals(8, count(json, "\"round\": [12]"), "2 rounds x 2 setups x 2 sides: " + json);
        for (String key : new String[] {"p50_ns", "p99_ns", "max_ns"}) { // in the results and in every round
            assertEquals(4 + 8, count(json, "\"" + key + "\": [1-9]"), key + " in " + json);
        }
        assertEquals(2, count(json, "\"p9999\": [0-9]"), "a ratio per setup: " + json);
        String md = Files.readString(dir.resolve("p1-latency.md"));
        assertTrue(md.startsWith("### P1 — NOP latency"), md);
        assertTrue(md.contains("| SINGLE_ISSUER+DEFER_TASKRUN |"), md);
    }

    private static int count(String text, String regex) {
        return (int) Pattern.compile(regex).matcher(text).results().count();
    }
}
