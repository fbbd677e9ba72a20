package io.liouring.bench;

import io.liouring.bench.harness.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the P1 harness working: a tiny {@link P1Runner} run (one round, one configuration, one JMH fork with one
 * warm-up and one measured iteration of 100 ms, the plain Java loop and the liburing C baseline with the same
 * iterations) writes its JSON and Markdown. Nothing
 * about speed is asserted. Skipped where gcc or liburing's headers are missing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class P1SmokeTest {
    private static SmokeRun run;
    private static Map<String, Object> result;

    @BeforeAll
    static void runTinyP1() throws Exception {
        Path nopBench = CProgram.build("nop_bench", "liburing.h", "-luring");
        run = SmokeRun.of("p1", P1Runner::main, "--c-binary", nopBench.toString(), "--rounds", "1", "--warmup", "1",
                "--iterations", "1", "--time-ms", "100", "--setups", "default", "--batches", "8", "--jvm-arg", "-Xmx128m");
        List<Object> results = Json.array(run.json().get("results"));
        assertEquals(1, results.size());
        result = Json.object(results.getFirst());
    }

    @Test
    void everySideCompletedNops() {
        assertTrue(Json.number(result.get("javaOpsPerSec")) > 0, result.toString());
        assertTrue(Json.number(result.get("loopOpsPerSec")) > 0, result.toString());
        assertTrue(Json.number(result.get("cOpsPerSec")) > 0, result.toString());
        assertEquals(8.0, Json.number(result.get("batch")));
    }

    @Test
    void reportsTheRatioAndTheJavaSidesBytesAndCpuPerNop() {
        for (String field : new String[] {"javaToC", "javaToCByCpuTime", "loopToC", "loopToCByCpuTime",
                "javaBytesPerOp", "jvmWideBytesPerOp", "javaCpuNsPerOp", "loopCpuNsPerOp", "cCpuNsPerOp"}) {
            assertTrue(Double.isFinite(Json.number(result.get(field))), field + " in " + result);
        }
    }

    @Test
    void writesTheMarkdownSectionWithTheMachine() throws Exception {
        String md = run.markdown();
        assertTrue(md.startsWith("### P1") && md.contains("Machine: ") && md.contains("| default | 8 |"), md);
    }
}
