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
 * {@code summarize.py} on fixtures {@code p4.json} and {@code p9.json}: P4 rows are judged on requests per server
 * CPU-second (not raw throughput) and say so, P8/P9 goals are taken as the runner wrote them, and a ratio the run
 * could not measure (a provider not run) is shown, not met. Skipped without python3.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SummarizeScriptTest {
    private static final Path DIR = Path.of("target", "summarize-test");
    private static final Path CHART = DIR.resolve("chart.svg");
    private static List<Object> rows;

    @BeforeAll
    static void summarizeTheFixture() throws Exception {
        Files.createDirectories(DIR);
        for (String name : List.of("p4.json", "p9.json")) {
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

    @Test
    void p4RowsAreJudgedOnRequestsPerServerCpuSecondAndSaySo() {
        Map<String, Object> r = row(0);
        assertEquals("P4 echo lio-loop 100 conn 64 B: requests per server CPU-second vs netty-io_uring", r.get("goal"));
        assertEquals(1.25, Json.number(r.get("ratio")));
        assertEquals(1.2, Json.number(r.get("target")));
        assertEquals(Boolean.TRUE, r.get("met"));
    }

    @Test
    void peersOtherThanNettyIoUringAreJudgedAgainstOne() {
        Map<String, Object> r = row(1);
        assertEquals(0.8, Json.number(r.get("ratio")));
        assertEquals(1.0, Json.number(r.get("target")));
        assertEquals(Boolean.FALSE, r.get("met"));
    }

    @Test
    void anUnmeasuredRatioIsShownAsNotAvailableAndNotMet() throws IOException {
        assertNull(row(2).get("ratio"));
        assertEquals(Boolean.FALSE, row(2).get("met"));
        assertTrue(Files.readString(DIR.resolve("ratios.md")).contains("| n/a | 1 | no |"));
    }

    @Test
    void p9GoalsFollowP4sAsWrittenAndOneNotRunIsNotMet() {
        Map<String, Object> measured = row(rows.size() - 2);
        assertEquals("P9 NIO.2 echo 100 conn 64 B: requests per server CPU-second lio ÷ JDK", measured.get("goal"));
        assertEquals(1.4, Json.number(measured.get("ratio")));
        assertEquals(Boolean.TRUE, measured.get("met"));
        Map<String, Object> notRun = row(rows.size() - 1);
        assertNull(notRun.get("ratio"));
        assertEquals(Boolean.FALSE, notRun.get("met"));
    }

    @Test
    void theChartLabelsEachBarWithWhatItMeasures() throws IOException {
        String svg = Files.readString(CHART);
        assertTrue(svg.startsWith("<svg"), svg);
        assertTrue(svg.contains("requests per server CPU-second vs netty-io_uring"), svg);
        assertFalse(svg.contains("throughput vs"), svg);
    }
}
