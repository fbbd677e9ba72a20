package io.liouring.bench.vthreads;

import io.liouring.bench.SmokeRun;
import io.liouring.bench.harness.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps P5's cached variant working: a tiny {@link P5Runner} run reading through the page cache ({@code --direct
 * false}) with two lio-uring loops, two rounds, writes the variant's JSON and Markdown under its own name, with the
 * per-round ratios and the I/O threads' CPU. Nothing about speed is asserted.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class P5CachedSmokeTest {
    private static SmokeRun run;
    private static Map<String, Object> report;

    @BeforeAll
    static void runTinyCachedP5() throws Exception {
        run = SmokeRun.of("p5-cached", P5Runner::main, "--file",
                SmokeRun.dir("p5-cached").resolve("random-1m.bin").toString(), "--size-mib", "1", "--direct", "false",
                "--variant", "cached", "--name", "p5-cached", "--loops", "2", "--rounds", "2", "--threads", "8",
                "--warmup", "0.2", "--duration", "0.3", "--fio", "none",
                "--child-jvm-arg", "--enable-native-access=ALL-UNNAMED", "--child-jvm-arg", "-Xmx128m",
                "--command", "P5CachedSmokeTest");
        report = run.json();
    }

    private static Map<String, Object> medians(String side) {
        return Json.object(Json.object(report.get("medians")).get(side));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lio", "filechannel"})
    void eachSideReadsWithoutErrorsAndCountsItsIoThreadsCpu(String side) {
        Map<String, Object> m = medians(side);
        assertTrue(Json.number(m.get("reads_per_s")) > 0, m.toString());
        assertEquals(0.0, Json.number(m.get("errors")), m.toString());
        assertTrue(Json.number(m.get("io_cpu_us_per_read")) > 0, m.toString());
        assertTrue(Json.number(m.get("cpu_s_carrier")) > 0, m.toString());
    }

    @Test
    void theLioSideRunsTwoLoops() {
        Map<String, Object> firstRound = Json.object(Json.array(Json.object(report.get("rounds")).get("lio")).getFirst());
        assertEquals(2.0, Json.number(firstRound.get("loops")), firstRound.toString());
        assertEquals(false, firstRound.get("direct"), firstRound.toString());
        assertTrue(Json.number(medians("lio").get("peak_loop")) >= 2, medians("lio").toString());
    }

    @Test
    void reportsOneRatioPerRoundAndNamesTheVariant() throws Exception {
        assertEquals("cached", report.get("variant"));
        for (String field : List.of("throughput_ratio_rounds", "cpu_per_read_ratio_rounds", "io_cpu_per_read_ratio_rounds")) {
            assertEquals(2, Json.array(report.get(field)).size(), field + " in " + report);
        }
        String md = run.markdown();
        assertTrue(md.contains("buffered (page cache)") && md.contains("cached") && md.contains("2 EventLoop(s)"), md);
    }
}
