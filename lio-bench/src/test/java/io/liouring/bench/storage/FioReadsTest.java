package io.liouring.bench.storage;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FioReadsTest {
    private static final ReadSpec DIRECT = new ReadSpec(Path.of("/data/file.bin"), 1L << 30, 4096, true,
            Duration.ofSeconds(2), Duration.ofMillis(10_500));

    @Test
    void commandAsksForTheRingSettingsTheJavaDriverUses() {
        List<String> c = FioReads.command("fio", DIRECT, 1, 32, 1);
        assertTrue(c.containsAll(List.of("--ioengine=io_uring", "--fixedbufs=1", "--registerfiles=1", "--rw=randread",
                "--bs=4096", "--direct=1", "--iodepth=32", "--numjobs=1", "--filename=/data/file.bin",
                "--size=1073741824", "--ramp_time=2000ms", "--runtime=10500ms", "--time_based")), c.toString());
    }

    @Test
    void commandKeepsThePageCacheAndUsesPlainUniformOffsets() {
        List<String> c = FioReads.command("fio", DIRECT, 1, 1, 1);
        assertTrue(c.containsAll(List.of("--invalidate=0", "--norandommap", "--randrepeat=0")), c.toString());
    }

    @Test
    void jobsRunAsThreadsOfOneProcessSoTheyShareTheRunnersSchedulingGroup() {
        assertTrue(FioReads.command("fio", DIRECT, 2, 32, 1).contains("--thread"));
    }

    @Test
    void bufferedSpecTurnsDirectOff() {
        ReadSpec cached = new ReadSpec(DIRECT.file(), DIRECT.fileSize(), 4096, false, Duration.ZERO, Duration.ofSeconds(1));
        assertTrue(FioReads.command("fio", cached, 2, 32, 1).contains("--direct=0"));
    }

    @Test
    void batchAddsSubmitAndCompleteBatchesOnlyAboveOne() {
        assertFalse(String.join(" ", FioReads.command("fio", DIRECT, 1, 32, 1)).contains("iodepth_batch"));
        List<String> batched = FioReads.command("fio", DIRECT, 1, 32, 8);
        assertTrue(batched.containsAll(List.of("--iodepth_batch_submit=8", "--iodepth_batch_complete_min=8")), batched.toString());
    }

    @Test
    void parsesReadsRuntimeLatencyAndCpuOfAGroupReportedRun() throws IOException {
        ReadResult r = FioReads.parse(resource("fio-3.33-p3-2jobs.json"), 2, 32);
        assertEquals(182144, r.reads());
        assertEquals(1.006, r.seconds(), 1e-9);
        assertEquals(91648, r.p50Nanos());
        assertEquals(8290304, r.p99Nanos());
        assertEquals((10.219342 + 19.441675) / 100 * 1.006 * 2, r.cpuSeconds(), 1e-9);
        assertEquals(2, r.threads());
        assertEquals(32, r.depth());
    }

    @Test
    void skipsTextBeforeTheJson() throws IOException {
        String noisy = "fio: some warning\n" + resource("fio-3.33-p3-2jobs.json");
        assertEquals(182144, FioReads.parse(noisy, 2, 32).reads());
    }

    @Test
    void refusesOutputWithoutJson() {
        assertThrows(IllegalStateException.class, () -> FioReads.parse("fio: file not found", 1, 1));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FioReadsTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
