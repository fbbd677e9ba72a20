package io.liouring.bench.vthreads;

import io.liouring.bench.SmokeRun;
import io.liouring.bench.harness.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the P8 harness working: a tiny {@link P8Runner} run (8 virtual threads, a 1 MiB file on the build's disk for
 * O_DIRECT, 20 small files, 0.3 s per run, one round, without fio) on both sides writes its JSON and Markdown. A side whose
 * provider class is not in this build must say so and have no numbers; a side that ran must have read without
 * errors on the provider it names. Nothing about speed is asserted.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class P8SmokeTest {
    private static final List<String> MODES = List.of("cached", "direct", "small-files");
    private static SmokeRun run;
    private static Map<String, Object> report;

    @BeforeAll
    static void runTinyP8() throws Exception {
        run = SmokeRun.of("p8", P8Runner::main, "--file", SmokeRun.dir("p8").resolve("random-1m.bin").toString(),
                "--size-mib", "1", "--dir", SmokeRun.dir("p8").resolve("small").toString(), "--files", "20",
                "--file-bytes", "512", "--threads", "8", "--warmup", "0.2", "--duration", "0.3", "--rounds", "1",
                "--fio", "none", "--child-jvm-arg", "--enable-native-access=ALL-UNNAMED", "--child-jvm-arg", "-Xmx128m",
                "--command", "P8SmokeTest");
        report = run.json();
    }

    private static Map<String, Object> side(String name) {
        return Json.array(report.get("sides")).stream().map(Json::object).filter(s -> s.get("side").equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no side " + name + " in " + report));
    }

    private static boolean ran(String name) {
        return Boolean.TRUE.equals(side(name).get("run"));
    }

    @Test
    void theJdkSideReadsEveryWorkloadWithoutErrorsOnTheJdkProvider() {
        assertTrue(ran("jdk"));
        for (String mode : MODES) {
            Map<String, Object> m = Json.object(Json.object(Json.object(report.get("medians")).get(mode)).get("jdk"));
            assertTrue(Json.number(m.get("reads_per_s")) > 0, mode + ": " + m);
            assertEquals(0.0, Json.number(m.get("errors")), mode + ": " + m);
            assertTrue(Json.number(m.get("peak_jvm_threads")) > 0 && Json.number(m.get("peak_os_threads")) > 0, m.toString());
            assertTrue(Double.isFinite(Json.number(m.get("cpu_us_per_read"))), m.toString());
            Map<String, Object> round = Json.object(Json.array(Json.object(Json.object(report.get("rounds")).get(mode))
                    .get("jdk")).getFirst());
            assertTrue(String.valueOf(round.get("provider")).startsWith("sun.nio.fs."), round.toString());
        }
    }

    @Test
    void theLioSideRunsOnlyWithItsProviderAndOtherwiseSaysWhyAndHasNoNumbers() {
        Map<String, Object> lio = side("lio");
        assertEquals(List.of("-Djava.nio.file.spi.DefaultFileSystemProvider=io.liouring.nio.file.LioFileSystemProvider"),
                lio.get("jvm_args"));
        for (String mode : MODES) {
            Map<String, Object> medians = Json.object(Json.object(report.get("medians")).get(mode));
            Map<String, Object> ratio = Json.array(report.get("ratios")).stream().map(Json::object)
                    .filter(r -> r.get("mode").equals(mode)).findFirst().orElseThrow();
            if (ran("lio")) {
                assertEquals(0.0, Json.number(Json.object(medians.get("lio")).get("errors")), medians.toString());
                assertTrue(Double.isFinite(Json.number(ratio.get("reads_per_s_ratio"))), ratio.toString());
            } else {
                assertTrue(String.valueOf(lio.get("not_run_because")).contains("not on the class path"), lio.toString());
                assertFalse(medians.containsKey("lio"), medians.toString());
                assertNull(ratio.get("reads_per_s_ratio"), ratio.toString());
            }
        }
    }

    @Test
    void theMarkdownNamesTheMachineTheGoalsAndAnySideNotRun() throws Exception {
        String md = run.markdown();
        assertTrue(md.startsWith("### P8") && md.contains("Machine: ") && md.contains("goal ≥ 1.5×")
                && md.contains("goal ≤ 16"), md);
        assertEquals(!ran("lio"), md.contains("Not measured: "), md);
        // O_DIRECT reads/s, CPU per read and peak threads (a ceiling), cached reads/s, small files' reads/s; the
        // device's limit only with fio, which this run leaves out
        List<Map<String, Object>> goals = Json.array(report.get("goals")).stream().map(Json::object).toList();
        assertEquals(5, goals.size(), goals.toString());
        assertTrue(goals.stream().anyMatch(g -> String.valueOf(g.get("goal")).contains("peak JVM threads")
                && Boolean.TRUE.equals(g.get("atMost")) && Json.number(g.get("target")) == 16), goals.toString());
        assertTrue(goals.stream().noneMatch(g -> String.valueOf(g.get("goal")).contains("device's limit")), goals.toString());
    }
}
