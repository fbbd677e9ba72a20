package io.liouring.bench.echo;

import io.liouring.bench.CProgram;
import io.liouring.bench.SmokeRun;
import io.liouring.bench.harness.Json;
import io.liouring.bench.harness.Machine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the P9 harness working: a tiny {@link P9Runner} run (the NIO.2 echo server in its own JVM per side, the C
 * load client with 2 connections of 64 B, 1.5 s unmeasured, 0.5 s measured, one round, no perf) writes its JSON and
 * Markdown. A side whose provider class is not in this build must say so and have no cells; a side that ran must
 * have echoed every byte back unchanged. Nothing about speed is asserted. Skipped where gcc is missing.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class P9SmokeTest {
    private static final int CONNECTIONS = 2;
    private static SmokeRun run;
    private static Map<String, Object> report;

    @BeforeAll
    static void runTinyP9() throws Exception {
        Path client = CProgram.build("echo_client", null, "-pthread");
        String cpus = Machine.describe().affinity();
        run = SmokeRun.of("p9", P9Runner::main, "--client", client.toString(), "--connections",
                Integer.toString(CONNECTIONS), "--sizes", "64", "--warmup", "1.5", "--duration", "0.5",
                "--server-warmup", "0", "--rounds", "1", "--perf", "false", "--server-cpu", cpus, "--client-cpu", cpus,
                "--server-jvm-arg", "--enable-native-access=ALL-UNNAMED", "--server-jvm-arg", "-Xmx128m",
                "--command", "P9SmokeTest");
        report = run.json();
    }

    private static boolean ran(String side) {
        return Json.array(report.get("sides")).stream().map(Json::object).filter(s -> s.get("side").equals(side))
                .map(s -> Boolean.TRUE.equals(s.get("run"))).findFirst().orElseThrow();
    }

    private static List<Map<String, Object>> cells(String side) {
        return Json.array(report.get("cells")).stream().map(Json::object).filter(c -> c.get("side").equals(side)).toList();
    }

    @Test
    void everySideThatRanEchoedEveryByteBackUnchanged() {
        assertTrue(ran("jdk"));
        for (String side : List.of("jdk", "lio")) {
            if (!ran(side)) {
                continue;
            }
            assertEquals(1, cells(side).size(), side);
            Map<String, Object> round = Json.object(Json.array(cells(side).getFirst().get("rounds")).getFirst());
            assertTrue(Json.number(round.get("requests")) > 0, round.toString());
            assertEquals(0.0, Json.number(round.get("mismatches")), round.toString());
            assertEquals(CONNECTIONS, Json.number(round.get("connections")));
            for (String field : List.of("rps", "p99_us", "server_cpu_s", "client_cpu_s")) {
                assertTrue(Double.isFinite(Json.number(round.get(field))), field + " in " + round);
            }
        }
    }

    @Test
    void aSideNotRunHasNoCellsAndNoRatio() {
        Map<String, Object> ratio = Json.object(Json.array(report.get("ratios")).getFirst());
        if (ran("lio")) {
            assertTrue(Double.isFinite(Json.number(ratio.get("requests_per_cpu_second_ratio"))), ratio.toString());
        } else {
            assertEquals(List.of(), cells("lio"));
            assertNull(ratio.get("requests_per_cpu_second_ratio"), ratio.toString());
        }
    }

    @Test
    void noCellFailedAndTheMarkdownNamesTheMachineAndTheGoal() throws Exception {
        assertEquals(List.of(), report.get("failures"));
        String md = run.markdown();
        assertTrue(md.startsWith("### P9") && md.contains("Machine: ") && md.contains("requests per server CPU-second")
                && md.contains("goal ≥ 1.3×"), md);
    }
}
