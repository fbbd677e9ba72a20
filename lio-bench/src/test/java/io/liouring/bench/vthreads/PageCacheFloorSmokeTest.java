package io.liouring.bench.vthreads;

import io.liouring.bench.CProgram;
import io.liouring.bench.SmokeRun;
import io.liouring.bench.harness.Json;
import io.liouring.bench.harness.Options;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps P8's system-call floor working: {@code page_cache_floor.c} built as {@code run-p8.sh} builds it, a tiny
 * {@link P8Runner} run of the two page-cache workloads with it, and the program refusing a directory without files.
 * Nothing about speed is asserted. Skipped where gcc is missing.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PageCacheFloorSmokeTest {
    private static final List<String> MODES = List.of("cached", "small-files");
    private static Path program;
    private static SmokeRun run;
    private static Map<String, Object> report;

    @BeforeAll
    static void runTinyP8WithTheFloor() throws Exception {
        program = CProgram.build("page_cache_floor", null);
        run = SmokeRun.of("p8-floor", "p8", P8Runner::main, "--file", SmokeRun.dir("p8-floor").resolve("random-1m.bin").toString(),
                "--size-mib", "1", "--dir", SmokeRun.dir("p8-floor").resolve("small").toString(), "--files", "20",
                "--file-bytes", "512", "--threads", "8", "--warmup", "0.2", "--duration", "0.3", "--rounds", "1",
                "--modes", String.join(",", MODES), "--fio", "none", "--floor", program.toString(),
                "--child-jvm-arg", "--enable-native-access=ALL-UNNAMED", "--child-jvm-arg", "-Xmx128m",
                "--command", "PageCacheFloorSmokeTest");
        report = run.json();
    }

    @Test
    void bothCallSequencesRanWithoutFailureBesideEachPageCacheWorkload() {
        for (String mode : MODES) {
            Map<String, Object> floor = Json.object(Json.object(Json.object(report.get("medians")).get(mode)).get("floor"));
            assertTrue(Json.number(floor.get("jdk_calls_per_s")) > 0, mode + ": " + floor);
            assertTrue(Json.number(floor.get("lio_calls_per_s")) > 0, mode + ": " + floor);
            Map<String, Object> rounds = Json.object(Json.object(report.get("rounds")).get(mode));
            for (String side : List.of("floor-jdk", "floor-lio")) {
                Map<String, Object> round = Json.object(Json.array(rounds.get(side)).getFirst());
                assertEquals(0.0, Json.number(round.get("failures")), mode + " " + side + ": " + round);
            }
        }
    }

    @Test
    void theMarkdownHasBothFloorRowsAndTheFloorRatioBesideTheGoals() throws Exception {
        String md = run.markdown();
        assertTrue(md.contains(PageCacheFloor.JDK_LABEL) && md.contains(PageCacheFloor.LIO_LABEL), md);
        assertEquals(2, md.split("floor reference\\): lio-nio's ÷ the JDK's", -1).length - 1, md);
    }

    @Test
    void aDirectoryWithoutFilesFailsTheFloorWhichIsThenNotRunAgain(@TempDir Path empty) throws Exception {
        PageCacheFloor floor = new PageCacheFloor(Options.parse(new String[]{"--floor", program.toString()}, "floor"));
        assertTrue(floor.appliesTo("small-files"));
        assertFalse(floor.appliesTo("direct"));
        assertNull(floor.run("small-files", empty.resolve("none.bin"), empty, 0.1));
        assertFalse(floor.appliesTo("small-files"));
    }
}
