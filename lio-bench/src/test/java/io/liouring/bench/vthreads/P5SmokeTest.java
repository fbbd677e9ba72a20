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
 * Keeps the P5 harness working: a tiny {@link P5Runner} run (8 virtual threads per side, each side in its own JVM,
 * O_DIRECT reads of a 1 MiB file under {@code target/} for 0.3 s, without fio) writes its JSON and Markdown. Nothing
 * about speed is asserted. The file is on the build's disk because O_DIRECT needs a real file system.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class P5SmokeTest {
    private static SmokeRun run;
    private static Map<String, Object> report;

    @BeforeAll
    static void runTinyP5() throws Exception {
        run = SmokeRun.of("p5", P5Runner::main, "--file", SmokeRun.dir("p5").resolve("random-1m.bin").toString(),
                "--size-mib", "1", "--threads", "8", "--warmup", "0.2", "--duration", "0.3", "--fio", "none",
                "--child-jvm-arg", "--enable-native-access=ALL-UNNAMED", "--child-jvm-arg", "-Xmx128m",
                "--command", "P5SmokeTest");
        report = run.json();
    }

    private static Map<String, Object> medians(String side) {
        return Json.object(Json.object(report.get("medians")).get(side));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lio", "filechannel"})
    void eachSideReadsWithoutErrors(String side) {
        Map<String, Object> m = medians(side);
        assertTrue(Json.number(m.get("reads_per_s")) > 0, m.toString());
        assertEquals(0.0, Json.number(m.get("errors")), m.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lio", "filechannel"})
    void eachSideCountsItsOsThreadsAndCpu(String side) {
        Map<String, Object> m = medians(side);
        assertTrue(Json.number(m.get("peak_os_threads")) > 0, m.toString());
        assertTrue(Json.number(m.get("peak_io_threads")) > 0, m.toString());
        for (String field : List.of("p50_us", "p99_us", "cpu_us_per_read")) {
            assertTrue(Double.isFinite(Json.number(m.get(field))), field + " in " + m);
        }
    }

    @Test
    void reportsTheRatiosAndTheMarkdownSection() throws Exception {
        for (String field : List.of("throughput_ratio", "p99_ratio", "cpu_per_read_ratio")) {
            assertTrue(Double.isFinite(Json.number(report.get(field))), field + " in " + report);
        }
        String md = run.markdown();
        assertTrue(md.startsWith("### P5") && md.contains("Machine: ") && md.contains("lio-uring ÷ FileChannel"), md);
    }
}
