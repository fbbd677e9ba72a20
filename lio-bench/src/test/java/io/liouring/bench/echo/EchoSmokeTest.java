package io.liouring.bench.echo;

import io.liouring.bench.CProgram;
import io.liouring.bench.SmokeRun;
import io.liouring.bench.echo.EchoServerMain.Kind;
import io.liouring.bench.harness.Json;
import io.liouring.bench.harness.Machine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the P4 harness working: a tiny {@link EchoRunner} run (every server kind in its own JVM, {@code nio2} too,
 * which P4's default list leaves out; the C load client
 * with 2 connections of 64 B, 1.5 s unmeasured as the servers start cold, then 0.5 s measured; no perf) writes its
 * JSON and Markdown. Nothing about speed is asserted. Skipped where gcc is missing.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EchoSmokeTest {
    private static final int CONNECTIONS = 2;
    private static final int SIZE = 64;
    private static SmokeRun run;
    private static Map<String, Object> report;

    @BeforeAll
    static void runTinyP4() throws Exception {
        Path client = CProgram.build("echo_client", null, "-pthread");
        String cpus = Machine.describe().affinity(); // server and client may share every CPU this test may use
        run = SmokeRun.of("p4", EchoRunner::main, "--client", client.toString(), "--connections",
                Integer.toString(CONNECTIONS), "--sizes", Integer.toString(SIZE), "--warmup", "1.5", "--duration", "0.5",
                "--servers", String.join(",", Arrays.stream(Kind.values()).map(Kind::label).toList()),
                "--server-warmup", "0", "--perf", "false", "--server-cpu", cpus, "--client-cpu", cpus,
                "--server-jvm-arg", "--enable-native-access=ALL-UNNAMED", "--server-jvm-arg", "-Xmx128m",
                "--command", "EchoSmokeTest");
        report = run.json();
    }

    private static Map<String, Object> round(Kind kind) {
        for (Object cell : Json.array(report.get("cells"))) {
            Map<String, Object> c = Json.object(cell);
            if (c.get("server").equals(kind.label())) {
                return Json.object(Json.array(c.get("rounds")).getFirst());
            }
        }
        throw new AssertionError("no cell for " + kind.label() + " in " + report);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyServerEchoesBytesBackUnchanged(Kind kind) {
        Map<String, Object> r = round(kind);
        double bytesEchoed = Json.number(r.get("requests")) * SIZE;
        assertTrue(bytesEchoed > 0, r.toString());
        assertEquals(0.0, Json.number(r.get("mismatches")), r.toString());
        assertEquals(CONNECTIONS, Json.number(r.get("connections")));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyServerReportsItsCpuTimeAndLatencies(Kind kind) {
        Map<String, Object> r = round(kind);
        for (String field : List.of("rps", "p50_us", "p99_us", "p999_us", "server_cpu_s", "client_cpu_s")) {
            assertTrue(Double.isFinite(Json.number(r.get(field))), field + " in " + r);
        }
    }

    @Test
    void eachLioUringServerIsComparedWithEachPeer() {
        List<Object> ratios = Json.array(report.get("ratios"));
        assertEquals(2 * 3, ratios.size());
        for (Object o : ratios) {
            Map<String, Object> ratio = Json.object(o);
            assertTrue(ratio.keySet().containsAll(List.of("server", "peer", "throughput_ratio", "p99_ratio",
                    "cpu_per_request_ratio", "requests_per_cpu_second_ratio")), ratio.toString());
        }
    }

    @Test
    void noCellFailedAndTheMarkdownNamesTheMachineAndTheGoal() throws Exception {
        assertEquals(List.of(), report.get("failures"));
        String md = run.markdown();
        assertTrue(md.startsWith("### P4") && md.contains("Machine: ") && md.contains("Command: `EchoSmokeTest`")
                && md.contains("requests per server CPU-second"), md);
    }
}
