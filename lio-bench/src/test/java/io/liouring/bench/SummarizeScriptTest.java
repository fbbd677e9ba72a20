package io.liouring.bench;

import io.liouring.bench.harness.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code summarize.py} on fixtures {@code p4.json}, {@code p6.json}, {@code p9.json} and {@code startup.json}: P4
 * rows are judged on requests per server CPU-second (not raw throughput) and say so, P8/P9 goals are taken as the
 * runner wrote them, a ratio the run could not measure (a provider not run) is shown, not met, a ceiling (start-up,
 * bytes per request) is met from below, and bytes per request stay out of the ratio chart. Skipped without python3.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SummarizeScriptTest {
    private static final Path DIR = Path.of("target", "summarize-test");
    private static final Path CHART = DIR.resolve("chart.svg");
    private static List<Object> rows;

    @BeforeAll
    static void summarizeTheFixture() throws Exception {
        Files.createDirectories(DIR);
        for (String name : List.of("p4.json", "p6.json", "p9.json", "startup.json")) {
            try (InputStream in = SummarizeScriptTest.class.getResourceAsStream("summarize/" + name)) {
                Files.write(DIR.resolve(name), in.readAllBytes());
            }
        }
        Process p;
        try {
            p = new ProcessBuilder("python3", "summarize.py", "--results", DIR.toString(), "--chart", CHART.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is not installed: " + e.getMessage());
            return;
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        rows = Json.array(Json.parse(Files.readString(DIR.resolve("ratios.json"))));
    }

    private static Map<String, Object> row(int i) {
        return Json.object(rows.get(i));
    }

    private static Map<String, Object> row(String goalStart) {
        return rows.stream().map(Json::object).filter(r -> ((String) r.get("goal")).startsWith(goalStart))
                .findFirst().orElseThrow(() -> new AssertionError("no goal starting with " + goalStart + ": " + rows));
    }

    @Test
    void p4RowsAreJudgedOnRequestsPerServerCpuSecondAndSaySo() {
        Map<String, Object> r = row(0);
        assertEquals("P4 echo lio-loop 100 conn 64 B: requests per server CPU-second vs netty-io_uring", r.get("goal"));
        assertEquals(1.25, Json.number(r.get("value")));
        assertEquals(1.2, Json.number(r.get("target")));
        assertEquals(Boolean.TRUE, r.get("met"));
    }

    @Test
    void peersOtherThanNettyIoUringAreJudgedAgainstOne() {
        Map<String, Object> r = row(1);
        assertEquals(0.8, Json.number(r.get("value")));
        assertEquals(1.0, Json.number(r.get("target")));
        assertEquals(Boolean.FALSE, r.get("met"));
    }

    @Test
    void anUnmeasuredRatioIsShownAsNotAvailableAndNotMet() throws IOException {
        assertNull(row(2).get("value"));
        assertEquals(Boolean.FALSE, row(2).get("met"));
        assertTrue(Files.readString(DIR.resolve("ratios.md")).contains("| n/a | ≥ 1 | no |"));
    }

    @Test
    void p9GoalsFollowP4sAsWrittenAndOneNotRunIsNotMet() {
        Map<String, Object> measured = row("P9 NIO.2 echo 100 conn");
        assertEquals(1.4, Json.number(measured.get("value")));
        assertEquals(Boolean.TRUE, measured.get("met"));
        Map<String, Object> notRun = row("P9 NIO.2 echo 500 conn");
        assertNull(notRun.get("value"));
        assertEquals(Boolean.FALSE, notRun.get("met"));
    }

    @Test
    void aCeilingIsMetFromBelow() {
        Map<String, Object> under = row("Start-up ./lio stat");
        assertEquals(Boolean.TRUE, under.get("atMost"));
        assertEquals(Boolean.TRUE, under.get("met"));
        assertEquals(Boolean.FALSE, row("Start-up ./lio cat").get("met"));
    }

    @Test
    void bytesPerRequestAreJudgedOnTheThreadsThatSubmitAndComplete() {
        Map<String, Object> future = row("P6 async path call");
        assertEquals(48.0, Json.number(future.get("value")));
        assertEquals(49.0, Json.number(future.get("target")), "one 48 B IoFuture, with the harness's fraction of a byte");
        assertEquals(Boolean.TRUE, future.get("met"));
        Map<String, Object> callback = row("P6 async path callback");
        assertEquals(1.0, Json.number(callback.get("target")));
        assertEquals(Boolean.FALSE, callback.get("met"), "8 B per request on the loop thread is not zero");
    }

    @Test
    void theChartLabelsEachBarWithWhatItMeasures() throws IOException {
        String svg = Files.readString(CHART);
        assertTrue(svg.startsWith("<svg"), svg);
        assertTrue(svg.contains("requests per server CPU-second vs netty-io_uring"), svg);
        assertTrue(svg.contains("(goal ≤ 3)"), svg);
        assertFalse(svg.contains("throughput vs"), svg);
        assertFalse(svg.contains("P6 "), "bytes are not a ratio: " + svg);
    }
}
