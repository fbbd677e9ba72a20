package io.liouring.bench.alloc;

import io.liouring.bench.SmokeRun;
import io.liouring.bench.harness.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the P6 harness working: a tiny {@link P6Runner} run (JMH in this JVM, one warm-up and one measured iteration
 * of 100 ms per benchmark, with {@code -prof gc} and the per-thread profiler) measures bytes per operation on the
 * async path and the ring path and writes its JSON and Markdown. The figures must be numbers; their values are
 * not asserted.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class P6SmokeTest {
    private static SmokeRun run;

    @BeforeAll
    static void runTinyP6() throws Exception {
        run = SmokeRun.of("p6", P6Runner::main, "--forks", "0", "--warmup", "1", "--iterations", "1", "--time-ms",
                "100", "--command", "P6SmokeTest");
    }

    private static List<Map<String, Object>> results() throws Exception {
        return Json.array(run.json().get("results")).stream().map(Json::object).toList();
    }

    @Test
    void measuresTheFiveAsyncPathBenchmarksAndTheRingPathOnBothRingSetups() throws Exception {
        assertEquals(List.of("async", "async", "async", "async", "async", "ring", "ring"),
                results().stream().map(r -> r.get("path")).sorted().toList());
    }

    @Test
    void everyBenchmarkHasAThroughputAndBytesPerOperationOnEachThread() throws Exception {
        for (Map<String, Object> r : results()) {
            assertTrue(Json.number(r.get("ops_per_s")) > 0, r.toString());
            for (String field : List.of("jvm_bytes_per_op", "worker_bytes_per_op", "loop_bytes_per_op",
                    "other_bytes_per_op")) {
                assertTrue(Double.isFinite(Json.number(r.get(field))), field + " in " + r);
            }
        }
    }

    @Test
    void writesTheMarkdownSectionWithTheGoal() throws Exception {
        String md = run.markdown();
        assertTrue(md.startsWith("### P6") && md.contains("Machine: ") && md.contains("Goals: 0 B/op on the ring"), md);
    }
}
