package io.liouring.bench.storage;

import io.liouring.bench.harness.Json;
import io.liouring.bench.harness.RandomFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Keeps the P7 (file copy) harness working: each copier makes a copy that passes the byte-for-byte check, the check
 * catches a bad copy, strace's summary is read, and a tiny warm run writes its JSON and Markdown with every copy
 * verified. Files are 1 MiB, under {@code target/} (a real disk); nothing about speed is asserted, and the page
 * cache is never dropped (that would slow the whole machine down).
 */
class CopyBenchSmokeTest {
    private static final Path DIR = Path.of("target", "smoke-p7");
    private static final Path SOURCE = DIR.resolve("random-1m.bin");

    @BeforeAll
    static void createSource() throws IOException {
        RandomFile.ensure(SOURCE, 1 << 20);
    }

    private static void assertCopies(FileCopier copier) throws IOException {
        Path target = DIR.resolve("copy-" + copier.getClass().getSimpleName() + ".bin");
        Files.deleteIfExists(target);
        CopyTiming t = copier.copy(SOURCE, target);
        SameContent.check(SOURCE, target);
        assertTrue(t.wallNanos() > 0 && t.cpuNanos() >= 0, t.toString());
        Files.delete(target);
    }

    @Test
    void lioUringCopyIsIdenticalToTheSource() throws IOException {
        try (RingCopier ring = new RingCopier()) {
            assertCopies(ring);
        }
    }

    @Test
    void transferToCopyIsIdenticalToTheSource() throws IOException {
        assertCopies(new TransferToCopier());
    }

    @Test
    void cpCopyIsIdenticalToTheSource() throws IOException {
        assertCopies(new CpCopier());
    }

    @Test
    void aCopyWithOneByteChangedFailsTheCheckNamingTheByte() throws IOException {
        Path bad = DIR.resolve("bad-byte.bin");
        Files.copy(SOURCE, bad, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel ch = FileChannel.open(bad, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, 12345);
            ch.write(ByteBuffer.wrap(new byte[] {(byte) ~b.get(0)}), 12345);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SameContent.check(SOURCE, bad));
        assertTrue(e.getMessage().contains("at byte 12345"), e.getMessage());
    }

    @Test
    void aShorterCopyFailsTheCheck() throws IOException {
        Path shorter = DIR.resolve("shorter.bin");
        Files.write(shorter, new byte[100]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SameContent.check(SOURCE, shorter));
        assertTrue(e.getMessage().contains("has 100 bytes"), e.getMessage());
    }

    @Test
    void straceSummaryIsReadMostCalledFirstWithErrors() {
        SyscallCensus c = SyscallCensus.parse("""
                % time     seconds  usecs/call     calls    errors syscall
                ------ ----------- ----------- --------- --------- ----------------
                 60.00    0.000300         150         2           copy_file_range
                 30.00    0.000150          16         9           read
                 10.00    0.000050          50         1         1 ioctl
                ------ ----------- ----------- --------- --------- ----------------
                100.00    0.000500          41        12         1 total
                """);
        assertEquals(List.of("read", "copy_file_range", "ioctl"), List.copyOf(c.counts().keySet()));
        assertEquals(new SyscallCensus.Calls(1, 1), c.counts().get("ioctl"));
        assertEquals("read × 9, copy_file_range × 2, ioctl × 1 (1 failed)", c.describe());
    }

    @Test
    void straceAttachedToThisJvmSeesLioUringEnterTheKernel() throws IOException {
        assumeTrue(SyscallCensus.available(), "strace is not installed");
        Path target = DIR.resolve("copy-traced.bin");
        Files.deleteIfExists(target);
        try (RingCopier ring = new RingCopier()) {
            SyscallCensus c = ring.syscalls(SOURCE, target);
            assertTrue(c.counts().containsKey("io_uring_enter"), c.describe());
        } finally {
            Files.deleteIfExists(target);
        }
    }

    @Test
    void aTinyWarmRunWritesJsonAndMarkdownWithEveryCopyVerified() throws IOException {
        Path out = DIR.resolve("out");
        CopyBench.main(new String[] {"--file", SOURCE.toString(), "--size-mib", "1", "--repeats", "2", "--warmup", "1",
                "--modes", "warm", "--strace", "false", "--out", out.toString()});
        Map<String, Object> json = Json.object(Json.parse(Files.readString(out.resolve("p7.json"))));
        List<Object> results = Json.array(json.get("results"));
        assertEquals(3, results.size()); // lio-uring, FileChannel.transferTo, cp
        for (Object r : results) {
            Map<String, Object> m = Json.object(r);
            assertEquals("warm", m.get("mode"));
            assertEquals(2.0, Json.number(m.get("verifiedCopies")));
            assertTrue(Json.number(m.get("mbPerSecond")) > 0, m.toString());
            assertEquals(2, Json.array(m.get("cpuSeconds")).size());
        }
        List<Object> ratios = Json.array(json.get("ratios"));
        assertEquals(2, ratios.size()); // lio-uring vs each peer
        assertTrue(Json.object(ratios.getFirst()).containsKey("speedRatio"));
        assertTrue(Json.object(ratios.getFirst()).containsKey("cpuRatio"));
        String md = Files.readString(out.resolve("p7.md"));
        assertTrue(md.startsWith("### P7 — file copy, 1 MiB"), md);
        assertTrue(md.contains("FileChannel.transferTo") && md.contains("| cp "), md);
        assertFalse(Files.exists(SOURCE.resolveSibling("p7-copy.bin")), "the last copy is deleted");
    }
}
